/**
 * The bucket policy of every S3 bucket (ACK `Bucket.spec.policy`, the Crossplane AWS Composition's `BucketPolicy`):
 * requests over plain HTTP are denied, whoever makes them (`aws:SecureTransport` false; AWS's own advice for
 * enforcing encryption in transit). A Deny statement grants nothing, so the public access blocks accept it.
 *
 * @param bucketArn `arn:<partition>:s3:::<bucket>`
 */
export function tlsOnlyBucketPolicy(bucketArn: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [bucketArn, `${bucketArn}/*`],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ],
  });
}

/**
 * What a bound workload may do with the objects of its bucket: read, write and delete objects, never delete an object
 * version (`s3:DeleteObjectVersion`), so that in a versioned bucket a deleted or overwritten object stays as a
 * noncurrent version until the lifecycle rule (`noncurrentVersionExpiration`) removes it.
 */
export const WORKLOAD_OBJECT_ACTIONS = [
  's3:GetObject', 's3:GetObjectVersion', 's3:PutObject', 's3:DeleteObject',
  's3:AbortMultipartUpload', 's3:ListMultipartUploadParts', 's3:GetObjectTagging', 's3:PutObjectTagging',
];

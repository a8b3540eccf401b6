import { IMAGE_DIGESTS } from './image-digests.generated';

/** A repository with its registry: the registry host (and port), then `/`-separated lower-case path components. */
const REPOSITORY = /^[a-z0-9]+([.-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)+$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Whether a string is a valid image tag. */
export function isImageTag(tag: string): boolean {
  return TAG.test(tag);
}

/**
 * An image the library runs: its repository, its tag, and the digest `npx projen images:resolve` recorded for that
 * tag (src/core/image-digests.generated.ts), if any. Rendered as `<repository>:<tag>@<digest>` once a digest is
 * recorded, `<repository>:<tag>` before.
 */
export class ImageRef {
  /** The image `<repository>:<tag>`, with the digest recorded for it. */
  public static of(repository: string, tag: string): ImageRef {
    if (!REPOSITORY.test(repository)) throw new Error(`invalid image repository "${repository}"`);
    if (!TAG.test(tag)) throw new Error(`invalid image tag "${tag}" of ${repository}`);
    const key = `${repository}:${tag}`;
    const digest = Object.prototype.hasOwnProperty.call(IMAGE_DIGESTS, key) ? IMAGE_DIGESTS[key] : undefined;
    if (digest !== undefined && !DIGEST.test(digest)) throw new Error(`invalid recorded digest "${digest}" of ${key}`);
    return new ImageRef(repository, tag, digest);
  }

  private constructor(
    /** e.g. `docker.io/library/python` */
    public readonly repository: string,
    /** e.g. `3.13.9-alpine3.22` */
    public readonly tag: string,
    /** `sha256:<hex>`, when one is recorded. */
    public readonly digest: string | undefined,
  ) {}

  /** `<repository>:<tag>`: the key of its digest, and what the resolver asks the registry for. */
  public get tagged(): string {
    return `${this.repository}:${this.tag}`;
  }

  /** The reference the output uses: `<repository>:<tag>@<digest>` with a recorded digest, else `<repository>:<tag>`. */
  public render(): string {
    return this.digest === undefined ? this.tagged : `${this.tagged}@${this.digest}`;
  }

  /**
   * The same image from a mirror: `prefix` replaces everything before the repository's last path component
   * (`docker.io/library/mysql` at `mirror.gcr.io/library` is `mirror.gcr.io/library/mysql`). The digest is kept:
   * it names the content, which a faithful mirror (a pull-through cache, `skopeo copy --all`) serves unchanged.
   */
  public mirroredAt(prefix: string): ImageRef {
    const name = this.repository.slice(this.repository.lastIndexOf('/') + 1);
    return new ImageRef(`${prefix}/${name}`, this.tag, this.digest);
  }
}

/** The binder's image (Python standard library only); it also runs the bucket keepers and the backup pruner. */
export const BINDER_IMAGE = ImageRef.of('docker.io/library/python', '3.13.9-alpine3.22');

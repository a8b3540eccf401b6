import {
  closest, compareInstanceClasses, compareNatural, compareVersions, editDistance, nearestInstanceClasses, nearestVersions, sizeRank,
} from '../../src/private/closest';

describe('closest', () => {
  test('edit distance counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
    expect(editDistance('FIEL', 'FILE')).toBe(1);
  });

  test('closest keeps only near candidates, nearest first', () => {
    expect(closest('FIEL', ['TABLE', 'FILE', 'NONE'])).toEqual(['FILE']);
    expect(closest('gp4', ['gp2', 'gp3', 'io1'])).toEqual(['gp2', 'gp3']);
    expect(closest('x', [])).toEqual([]);
  });

  test('versions sort numerically and the nearest are of the same major', () => {
    expect(['8.0.9', '8.4.1', '8.0.43'].sort(compareVersions)).toEqual(['8.0.9', '8.0.43', '8.4.1']);
    expect(nearestVersions('16.3', ['15.13', '16.9', '16.10', '17.5'], 2)).toEqual(['16.9', '16.10']);
  });

  test('instance classes sort by family and size, and the nearest are of the same family', () => {
    expect(['db.m6g.2xlarge', 'db.m6g.large', 'db.m5.xlarge'].sort(compareInstanceClasses)).toEqual(['db.m5.xlarge', 'db.m6g.large', 'db.m6g.2xlarge']);
    expect(sizeRank('micro')).toBeLessThan(sizeRank('large'));
    expect(sizeRank('2xlarge')).toBeLessThan(sizeRank('4xlarge'));
    expect(nearestInstanceClasses('db.m6g.16xlarge', ['db.m6g.large', 'db.m6g.4xlarge', 'db.r6g.16xlarge'], 1)).toEqual(['db.m6g.4xlarge']);
  });

  test('natural order puts 2 before 16', () => {
    expect(['db-n1-standard-16', 'db-n1-standard-2'].sort(compareNatural)).toEqual(['db-n1-standard-2', 'db-n1-standard-16']);
  });
});

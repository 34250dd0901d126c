import { GetObjectTaggingCommand, S3Client } from '@aws-sdk/client-s3';
import { verdictFromGuardDutyTag, type MalwareScanner, type ScanVerdict } from '../domain/files/malware';

/**
 * GuardDuty Malware Protection for S3 scans each object put into the quarantine prefix and tags it with
 * `GuardDutyMalwareScanStatus`; until the tag appears the verdict is pending, and nothing is released.
 */
export class GuardDutyScanner implements MalwareScanner {
  constructor(private readonly s3: S3Client) {}

  async scan(object: { bucket: string; key: string }): Promise<ScanVerdict> {
    const tags = await this.s3.send(new GetObjectTaggingCommand({ Bucket: object.bucket, Key: object.key }));
    return verdictFromGuardDutyTag(tags.TagSet?.find((tag) => tag.Key === 'GuardDutyMalwareScanStatus')?.Value);
  }
}

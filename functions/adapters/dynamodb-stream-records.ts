import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord, StreamRecord } from 'aws-lambda';
import type { TableChange } from '../domain/audit-archive';

type Image = Record<string, AttributeValue>;

/** Numbers beyond JavaScript's safe range stay strings rather than failing the record or losing digits. */
const toNumber = (value: string): number | string => {
  const n = Number(value);
  return Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n)) ? n : value;
};

const plain = (image: StreamRecord['NewImage']) =>
  image ? unmarshall(image as Image, { wrapNumbers: toNumber }) : undefined;

/** A DynamoDB Streams record as the domain reads it, or an error naming what is missing (never its contents). */
export function toTableChange(record: DynamoDBRecord): TableChange {
  const stream = record.dynamodb;
  const sequenceNumber = stream?.SequenceNumber;
  if (!sequenceNumber || !record.eventName || !stream?.Keys) {
    throw new Error('A stream record lacks its sequence number, event name or keys');
  }
  const oldImage = plain(stream.OldImage);
  const newImage = plain(stream.NewImage);
  const identity = record.userIdentity as { type?: unknown; principalId?: unknown } | undefined;
  return {
    eventName: record.eventName,
    sequenceNumber,
    keys: unmarshall(stream.Keys as Image, { wrapNumbers: toNumber }),
    ...(oldImage ? { oldImage } : {}),
    ...(newImage ? { newImage } : {}),
    ...(identity
      ? { userIdentity: { type: String(identity.type ?? ''), principalId: String(identity.principalId ?? '') } }
      : {}),
    ...(typeof stream.ApproximateCreationDateTime === 'number'
      ? { approximateCreationDateTime: stream.ApproximateCreationDateTime }
      : {}),
  };
}

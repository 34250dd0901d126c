import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';

export interface AlarmsProps {
  /** Optional address subscribed to the topic (it must confirm the subscription). */
  email?: string;
}

/**
 * Operational alarms, all published to one encrypted topic. Any function error, any API 5XX and any
 * message in a dead-letter queue is worth a look: the portal's volumes are small and its deadlines
 * statutory.
 */
export class Alarms extends Construct {
  readonly topic: Topic;
  private readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmsProps = {}) {
    super(scope, id);

    const key = new Key(this, 'Key', {
      description: 'Encrypts the safeguarding portal alarm topic',
      enableKeyRotation: true,
      // Alarm notifications hold no data worth keeping once the topic is gone.
      removalPolicy: RemovalPolicy.DESTROY,
    });
    // CloudWatch publishes to an encrypted topic only if the key lets it.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey*');

    this.topic = new Topic(this, 'Topic', {
      displayName: 'Safeguarding portal alarms',
      masterKey: key,
      enforceSSL: true,
    });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }

  private alarm(id: string, metric: IMetric, description: string, threshold = 1): Alarm {
    const alarm = new Alarm(this, id, {
      metric,
      threshold,
      evaluationPeriods: 1,
      comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    });
    alarm.addAlarmAction(this.action);
    return alarm;
  }

  /** Any change to an audit item after its creation, or its removal by anyone but DynamoDB's TTL. */
  onAuditTampering(metric: IMetric): Alarm {
    return this.alarm(
      'AuditTampering',
      metric,
      'An audit event was changed or deleted: the archive holds the original; see the archive-audit-events log group for its ids.',
    );
  }

  /**
   * A stream consumer that falls behind: DynamoDB keeps stream records for 24 hours only, so a record not
   * archived by then is lost. One hour of lag leaves time to act.
   */
  onStreamLag(id: string, fn: IFunction): Alarm {
    return this.alarm(
      `${id}StreamLag`,
      fn.metric('IteratorAge', { period: Duration.minutes(5), statistic: 'Maximum' }),
      `The ${id} function is more than an hour behind its stream: records older than 24 hours are lost.`,
      Duration.hours(1).toMilliseconds(),
    );
  }

  onFunctionErrors(id: string, fn: IFunction): Alarm {
    return this.alarm(
      `${id}Errors`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      `The ${id} function failed at least once in 5 minutes: see its log group.`,
    );
  }

  onApiServerErrors(api: RestApi): Alarm {
    return this.alarm(
      'Api5xx',
      api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The API answered with a 5XX at least once in 5 minutes.',
    );
  }

  /** SES pauses sending for an account whose bounce rate passes 10%; warn at 5%. */
  onMailBounceRate(): Alarm {
    return this.alarm(
      'MailBounceRate',
      new Metric({
        namespace: 'AWS/SES',
        metricName: 'Reputation.BounceRate',
        statistic: 'Maximum',
        period: Duration.hours(1),
      }),
      'The SES bounce rate reached 5%: check agency addresses before SES pauses sending.',
      0.05,
    );
  }

  /**
   * For event-driven functions (the daily run, GuardDuty's scan results): their dead-letter queue alarms
   * at the first message (security checklist G.36).
   */
  onDeadLetters(id: string, queue: IQueue): Alarm {
    return this.alarm(
      `${id}DeadLetters`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5), statistic: 'Maximum' }),
      `A message reached the ${id} dead-letter queue: an event-driven run failed after all its retries.`,
    );
  }
}

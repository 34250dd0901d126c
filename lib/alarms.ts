import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type { RestApi } from 'aws-cdk-lib/aws-apigateway';
import { Alarm, ComparisonOperator, Metric, TreatMissingData, type IMetric } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import { Construct, type IConstruct } from 'constructs';

export interface AlarmsProps {
  /** Optional address subscribed to the topic (it must confirm the subscription). */
  email?: string;
}

/**
 * Operational alarms, all published to one encrypted topic. Any function error, any API 5XX and any
 * message in a dead-letter queue is worth a look: the portal's volumes are small and its deadlines
 * statutory. An alarm on something in a nested stack is made in that stack, beside what it watches
 * (ADR 0018): it counts against that stack's resources, and only the topic is passed in.
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

  private alarm(id: string, metric: IMetric, description: string, threshold: number, watched?: IConstruct): Alarm {
    const alarm = new Alarm(this.scopeFor(watched), id, {
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

  /** This construct, or one of the same name in the watched resource's own stack. */
  private scopeFor(watched: IConstruct | undefined): Construct {
    const stack = watched && Stack.of(watched);
    if (!stack || stack === Stack.of(this)) return this;
    return (stack.node.tryFindChild(this.node.id) as Construct | undefined) ?? new Construct(stack, this.node.id);
  }

  /** Any change to an audit item after its creation, or its removal by anyone but DynamoDB's TTL. */
  onAuditTampering(metric: IMetric, source: IConstruct): Alarm {
    return this.alarm(
      'AuditTampering',
      metric,
      'An audit event was changed or deleted: the archive holds the original; see the archive-audit-events log group for its ids.',
      1,
      source,
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
      fn,
    );
  }

  onFunctionErrors(id: string, fn: IFunction): Alarm {
    return this.alarm(
      `${id}Errors`,
      fn.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
      `The ${id} function failed at least once in 5 minutes: see its log group.`,
      1,
      fn,
    );
  }

  onApiServerErrors(api: RestApi): Alarm {
    return this.alarm(
      'Api5xx',
      api.metricServerError({ period: Duration.minutes(5), statistic: 'Sum' }),
      'The API answered with a 5XX at least once in 5 minutes.',
      1,
      api,
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
      1,
      queue,
    );
  }
}

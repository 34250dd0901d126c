import { Duration, Stack, TimeZone, Validations } from 'aws-cdk-lib';
import type { CfnFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { Alarms } from './alarms';
import { deadLetterQueue } from './dead-letter-queue';
import { PortalFunction } from './portal-function';

export interface DailyScheduleProps {
  environment: Record<string, string>;
  logRetention: ConstructorParameters<typeof PortalFunction>[2]['logRetention'];
  alarms: Alarms;
}

/**
 * When the daily run starts: 08:00 Europe/London, every day. The run chases only on working days (it
 * knows the bank holidays); its other work, the outbox above all, must not wait for a long weekend to end.
 */
export const DAILY_RUN_CRON = { minute: '0', hour: '8' } as const;
export const DAILY_RUN_RETRIES = 10;
export const DAILY_RUN_MAX_EVENT_AGE = Duration.hours(6);
/**
 * How often the outbox's retries are delivered (ADR 0005): its backoff starts at 5 minutes, so an alert
 * or a link SES refused goes within minutes of SES recovering, not at the next morning's run.
 */
export const EMAIL_RETRY_RATE = Duration.minutes(5);
/** A missed retry run is overtaken by the next one within minutes: retry it briefly, then let it go. */
export const EMAIL_RETRY_RETRIES = 2;
export const EMAIL_RETRY_MAX_EVENT_AGE = Duration.minutes(5);

/**
 * The scheduled function (ADR 0010): EventBridge Scheduler invokes it every morning in London time, retries
 * a failed run (it is idempotent, so a retry resumes where it stopped), and after the last retry puts the
 * event on a dead-letter queue whose first message raises an alarm. A second schedule invokes it every few
 * minutes for the outbox alone (ADR 0005); its failures reach the same queue and alarm.
 */
export class DailySchedule extends Construct {
  readonly run: PortalFunction;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: DailyScheduleProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, {
      of: 'daily run',
      from: 'the Scheduler target puts failed daily-run events',
    });

    this.run = new PortalFunction(this, 'Run', {
      functionName: 'run-daily-sweep',
      description: 'Daily run: chasing ladder, statutory risk alerts, e-mail retries, chronology re-merges',
      environment: props.environment,
      logRetention: props.logRetention,
      timeout: Duration.minutes(10),
      // The Scheduler's retries cover delivery; Lambda's own retries cover a run that fails once started.
      asyncFailureQueue: this.deadLetters,
    });

    new Schedule(this, 'Schedule', {
      description: 'Safeguarding portal daily run, every morning in Europe/London (chasing on working days)',
      schedule: ScheduleExpression.cron({ ...DAILY_RUN_CRON, timeZone: TimeZone.EUROPE_LONDON }),
      target: new LambdaInvoke(this.run.function, {
        input: ScheduleTargetInput.fromObject({ source: 'schedule' }),
        retryAttempts: DAILY_RUN_RETRIES,
        maxEventAge: DAILY_RUN_MAX_EVENT_AGE,
        deadLetterQueue: this.deadLetters,
      }),
    });
    new Schedule(this, 'EmailRetries', {
      description: 'Safeguarding portal e-mail retries: the outbox only, every few minutes',
      schedule: ScheduleExpression.rate(EMAIL_RETRY_RATE),
      target: new LambdaInvoke(this.run.function, {
        input: ScheduleTargetInput.fromObject({ source: 'schedule', task: 'outbox' }),
        retryAttempts: EMAIL_RETRY_RETRIES,
        maxEventAge: EMAIL_RETRY_MAX_EVENT_AGE,
        deadLetterQueue: this.deadLetters,
      }),
    });
    // The Scheduler's role may invoke the function and its versions (CDK's LambdaInvoke grant).
    const functionId = Stack.of(this).getLogicalId(this.run.function.node.defaultChild as CfnFunction);
    for (const child of Stack.of(this).node.findAll()) {
      if (child.node.id.startsWith('SchedulerRoleForTarget')) {
        Validations.of(child).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${functionId}.Arn>:*]`,
          reason:
            'EventBridge Scheduler invokes the daily-run function or one of its versions; the grant names only that function.',
        });
      }
    }
    props.alarms.onDeadLetters('DailyRun', this.deadLetters);
    props.alarms.onFunctionErrors('DailyRun', this.run.function);
  }
}

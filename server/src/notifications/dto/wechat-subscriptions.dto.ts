import { ApiProperty } from '@nestjs/swagger';
import { SUBSCRIPTION_RESULTS, type ReportSubscriptionsRequest, type SubscriptionResult } from '@pioneer/shared';
import { IsObject, ValidateBy, type ValidationOptions } from 'class-validator';

/** WeChat asks for at most three templates at a time; a few more leaves room, and no more keeps the body small. */
const MAX_RESULTS = 10;

/** A map of template id → one of WeChat's answers, with at most a few entries. */
function IsSubscriptionResults(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSubscriptionResults',
      validator: {
        validate: (value: unknown) => {
          if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
          const entries = Object.entries(value as Record<string, unknown>);
          return (
            entries.length >= 1 &&
            entries.length <= MAX_RESULTS &&
            entries.every(
              ([id, result]) =>
                id.length >= 1 && id.length <= 128 && (SUBSCRIPTION_RESULTS as readonly unknown[]).includes(result),
            )
          );
        },
        defaultMessage: () =>
          `results must map 1 to ${MAX_RESULTS} template ids to one of ${SUBSCRIPTION_RESULTS.join(', ')}`,
      },
    },
    options,
  );
}

export class ReportSubscriptionsDto implements ReportSubscriptionsRequest {
  @ApiProperty({
    description: 'wx.requestSubscribeMessage 的结果：模板 ID → accept / reject / ban / filter',
    example: { TGkb7C2bTHQM0BpzTvz9cQ3Df_xtrLeMbK9KmFKVfdI: 'accept' },
    type: 'object',
    additionalProperties: { type: 'string', enum: [...SUBSCRIPTION_RESULTS] },
  })
  @IsObject()
  @IsSubscriptionResults()
  results: Record<string, SubscriptionResult>;
}

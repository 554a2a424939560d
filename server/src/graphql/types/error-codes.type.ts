// The error catalogue (server/src/errors) as GraphQL enums with one description per value:
// ErrorCode (what a job fails with, Job.failureCode) and ApiErrorCode (extensions.code of an error).
import { Field, ObjectType, registerEnumType } from "type-graphql";
import { API_ERROR_CODE_INFO, type ApiErrorCode as ApiErrorCodeValue } from "../../errors/api-error-codes.js";
import { JOB_FAILURE_CODE_INFO, type JobFailureCode } from "../../errors/job-failure-codes.js";

/** Stands for a stored code this catalogue does not list (a row written by another version). */
export const UNKNOWN_CODE = "UNKNOWN";
const UNKNOWN_DESCRIPTION = "A stored code this server does not list (written by another version); Job.errorCode has it as stored.";

type EnumOf<K extends string> = { [P in K]: P };
const enumOf = <K extends string>(keys: readonly K[]): EnumOf<K> => Object.fromEntries(keys.map((k) => [k, k])) as EnumOf<K>;
const describedValues = <K extends string>(info: Record<K, string>) =>
  Object.fromEntries(Object.entries(info).map(([k, d]) => [k, { description: d as string }])) as Record<K, { description: string }>;

const failureInfo = { ...JOB_FAILURE_CODE_INFO, [UNKNOWN_CODE]: UNKNOWN_DESCRIPTION } as const;
export const ErrorCode = enumOf(Object.keys(failureInfo) as (JobFailureCode | typeof UNKNOWN_CODE)[]);
export type ErrorCode = JobFailureCode | typeof UNKNOWN_CODE;
registerEnumType(ErrorCode, {
  name: "ErrorCode",
  description: "Why a job (or stage) failed or was cancelled: the server's catalogue of failure codes.",
  valuesConfig: describedValues(failureInfo),
});

export const ApiErrorCode = enumOf(Object.keys(API_ERROR_CODE_INFO) as ApiErrorCodeValue[]);
export type ApiErrorCode = ApiErrorCodeValue;
registerEnumType(ApiErrorCode, {
  name: "ApiErrorCode",
  description: "extensions.code of a GraphQL error from this server (also the code of an artifact download's error body).",
  valuesConfig: describedValues(API_ERROR_CODE_INFO),
});

@ObjectType({ description: "One job failure code and what it means." })
export class ErrorCodeInfo {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String)
  description!: string;
}

@ObjectType({ description: "One API error code and what it means." })
export class ApiErrorCodeInfo {
  @Field(() => ApiErrorCode)
  code!: ApiErrorCode;

  @Field(() => String)
  description!: string;
}

@ObjectType({ description: "Every code this server can answer with, with a one-line description each." })
export class ErrorCatalogue {
  @Field(() => [ErrorCodeInfo], { description: "What a FAILED or CANCELLED job's failureCode can be (UNKNOWN last)." })
  jobFailureCodes!: ErrorCodeInfo[];

  @Field(() => [ApiErrorCodeInfo], { description: "What a GraphQL error's extensions.code can be." })
  apiErrorCodes!: ApiErrorCodeInfo[];
}

/** A stored Job.errorCode as the enum: null stays null, a code the catalogue lacks is UNKNOWN. */
export function toErrorCode(stored: string | null | undefined): ErrorCode | undefined {
  if (!stored) return undefined;
  return Object.hasOwn(JOB_FAILURE_CODE_INFO, stored) ? (stored as JobFailureCode) : UNKNOWN_CODE;
}

export const ERROR_CATALOGUE: ErrorCatalogue = {
  jobFailureCodes: Object.entries(failureInfo).map(([code, description]) => ({ code: code as ErrorCode, description })),
  apiErrorCodes: Object.entries(API_ERROR_CODE_INFO).map(([code, description]) => ({ code: code as ApiErrorCode, description })),
};

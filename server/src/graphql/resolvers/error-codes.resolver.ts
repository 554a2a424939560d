// Query.errorCodes: the error catalogue at run time, for clients that show or check codes.
import { Query, Resolver } from "type-graphql";
import { ERROR_CATALOGUE, ErrorCatalogue } from "../types/error-codes.type.js";

@Resolver()
export class ErrorCodesResolver {
  @Query(() => ErrorCatalogue, { description: "Every job failure code and API error code this server uses, each with what it means." })
  errorCodes(): ErrorCatalogue {
    return ERROR_CATALOGUE;
  }
}

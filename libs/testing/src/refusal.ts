import { RpcError } from '@gov/platform';

/** Awaits a request that must be refused and returns the RpcError (fails the test if it succeeds). */
export async function refusalOf(promise: Promise<unknown>): Promise<RpcError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof RpcError) return error;
    throw error;
  }
  throw new Error('expected the request to be refused');
}

/** The error code of a request that must be refused. */
export async function refusalCode(promise: Promise<unknown>): Promise<string> {
  return (await refusalOf(promise)).code;
}

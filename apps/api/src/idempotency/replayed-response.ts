/** Thrown to short-circuit a request with the stored first response; rendered verbatim by the filter. */
export class ReplayedResponse {
  constructor(
    readonly status: number,
    readonly body: unknown,
    readonly contentType: string,
  ) {}
}

namespace BreachNotify.Application.OtherNotices;

/// <summary>
/// The deployment's lookup's answer: the customer ids holding the subject (null when no lookup was asked), or why it failed:
/// <see cref="FailureStatus"/> 503 (unreachable, timed out) or 502 (an answer that is not <c>{ "customers": [ids] }</c>).
/// </summary>
public sealed record SubjectLookupAnswer(IReadOnlyList<string>? Customers, int? FailureStatus = null, string? Failure = null)
{
    public static SubjectLookupAnswer NotAsked { get; } = new(Customers: null);
}

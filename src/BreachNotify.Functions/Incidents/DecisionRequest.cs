namespace BreachNotify.Functions.Incidents;

/// <summary>
/// The body of <c>POST /api/incidents/{id}/decision</c>: <c>decision</c> is approve, reject or reclassify;
/// reclassify needs <c>verdict</c> (personalDataBreach, notPersonalDataBreach, needsReview) and a <c>comment</c> as the reason.
/// </summary>
public sealed record DecisionRequest(string? Decision, string? Comment, string? Verdict, IReadOnlyList<string>? Customers);

using System.Text.Json;

namespace BreachNotify.Application.Incidents;

/// <summary>
/// The body of <c>POST /api/incidents/{id}/decision</c>: <c>decision</c> is approve, reject, reclassify, edit,
/// approve-update (the follow-up of an incident in UpdatePending) or close (with <c>finalReport</c>: rootCause, measuresTaken, dataRecovered);
/// reclassify needs <c>verdict</c> (personalDataBreach, notPersonalDataBreach, needsReview) and a <c>comment</c> as the reason.
/// <c>edits</c> (with edit, or with approve: applied first) rewords the notices per audience:
/// <c>{ "customer": { "nature", "description", "consequences", "measures", "message" }, "subprocessor": { "description", "request", "message" } }</c>,
/// each at most 4000 characters; an empty string returns a field to the generated text.
/// </summary>
/// <remarks>
/// <c>override-severity</c> takes <c>severity</c>: <c>{ "dataType", "dataProcessingContext", "easeOfIdentification", "confidentiality",
/// "integrity", "availability", "maliciousIntent" }</c> (any of them; ENISA 2013 inputs that replace the derived ones in the
/// controller packs) and the reason in <c>comment</c>.
/// </remarks>
public sealed record DecisionRequest(
    string? Decision, string? Comment, string? Verdict, IReadOnlyList<string>? Customers, JsonElement? Edits = null, FinalReportRequest? FinalReport = null,
    BreachNotify.Severity.SeverityOverride? Severity = null);

namespace BreachNotify.Application.Incidents;

/// <summary>The <c>finalReport</c> of a <c>close</c> decision: what the closing notice tells every notified party.</summary>
public sealed record FinalReportRequest(string? RootCause, string? MeasuresTaken, bool? DataRecovered);

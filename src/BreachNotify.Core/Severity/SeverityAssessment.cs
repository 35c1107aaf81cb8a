namespace BreachNotify.Severity;

/// <summary>
/// A severity estimate by the ENISA method, with the inputs it came from, so a controller can check and redo it.
/// Guidance for the controller's own assessment, never a statement that it need not notify.
/// </summary>
public sealed record SeverityAssessment
{
    public const string MethodName = "ENISA 2013: SE = DPC x EI + CB";

    public string Method { get; init; } = MethodName;

    public required SeverityInputs Inputs { get; init; }

    public required decimal EaseScore { get; init; }

    public required decimal CircumstancesScore { get; init; }

    public required decimal Score { get; init; }

    public required SeverityBand Band { get; init; }

    /// <summary>The names of the inputs a commander set instead of the defaults derived from the classification.</summary>
    public IReadOnlyList<string> Overridden { get; init; } = [];
}

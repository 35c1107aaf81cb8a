using BreachNotify.Classification;

namespace BreachNotify.Incidents;

/// <summary>
/// A commander's decision. Reclassify needs a <see cref="Verdict"/> and a reason in <see cref="Comment"/>;
/// it may name the affected customers when the classifier found none.
/// </summary>
public sealed record CommanderDecision(
    DecisionKind Decision,
    string CommanderId,
    string? Comment,
    Verdict? Verdict = null,
    IReadOnlyList<string>? Customers = null) : WorkflowMessage;

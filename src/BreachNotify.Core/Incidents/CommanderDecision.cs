using BreachNotify.Classification;
using BreachNotify.Notices;

namespace BreachNotify.Incidents;

/// <summary>
/// A commander's decision. Reclassify needs a <see cref="Verdict"/> and a reason in <see cref="Comment"/>;
/// it may name the affected customers when the classifier found none. Edit needs <see cref="Edits"/>; approve may carry them
/// too (applied first, in the same step). Close needs the <see cref="Report"/>; override-severity the <see cref="Severity"/> inputs and a reason.
/// </summary>
public sealed record CommanderDecision(
    DecisionKind Decision,
    string CommanderId,
    string? Comment,
    Verdict? Verdict = null,
    IReadOnlyList<string>? Customers = null,
    NoticeEdits? Edits = null,
    FinalReport? Report = null,
    BreachNotify.Severity.SeverityOverride? Severity = null) : WorkflowMessage;

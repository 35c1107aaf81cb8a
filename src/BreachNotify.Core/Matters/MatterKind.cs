namespace BreachNotify.Matters;

/// <summary>
/// The kinds of matter whose notices the engine sends. A work item names its kind; one written before kinds existed
/// names none and is an incident's (the default).
/// </summary>
public enum MatterKind
{
    Incident,
    SubprocessorChange,

    /// <summary>The other notices a processor owes (law-enforcement requests, data-subject requests, ...: issue 18).</summary>
    OtherNotice,
}

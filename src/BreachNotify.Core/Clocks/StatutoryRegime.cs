namespace BreachNotify.Clocks;

/// <summary>One row of shared/reference/breach-deadlines.md: who tells whom, by when, from when, and how sure we are.</summary>
public sealed record StatutoryRegime(
    string Jurisdiction,
    string Name,
    string WhoTellsWhom,
    LimitKind Kind,
    int Amount,
    string LimitText,
    string ClockStarts,
    string Source,
    ConfirmationLevel Level);

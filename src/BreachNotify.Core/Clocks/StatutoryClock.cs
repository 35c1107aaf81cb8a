namespace BreachNotify.Clocks;

/// <summary>
/// A statutory clock shown as context for a customer: counted from the processor's awareness, which is the
/// earliest the controller's own clock can start. Qualitative limits have no <see cref="DueAt"/>.
/// </summary>
public sealed record StatutoryClock(
    string CustomerId,
    string Regime,
    string WhoTellsWhom,
    string Limit,
    DateTimeOffset? DueAt,
    string ClockStarts,
    ConfirmationLevel Level);

namespace BreachNotify.Incidents;

/// <summary>
/// What one recipient's notice of phase <see cref="Phase"/> is: a first notice (<see cref="PhaseKind.Initial"/>: phase 0, or a
/// party newly affected by a follow-up), a follow-up or the closing; <see cref="OriginalPhase"/> is the phase of the first
/// notice its party got (the notice a later one refers to); <see cref="NoLongerAffected"/>: its follow-up says so.
/// </summary>
public sealed record PhaseNotice(int Phase, PhaseKind Kind, int OriginalPhase, bool NoLongerAffected = false)
{
    public static PhaseNotice First { get; } = new(0, PhaseKind.Initial, 0);

    /// <summary>The notice kind as the API spells it: <c>initial</c>, <c>followUp</c> or <c>closing</c>.</summary>
    public string KindName => Kind switch { PhaseKind.FollowUp => "followUp", PhaseKind.Closing => "closing", _ => "initial" };
}

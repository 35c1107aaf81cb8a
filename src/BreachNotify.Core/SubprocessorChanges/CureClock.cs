namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// The cure period's clock: while an objection waits for its outcome, the privacy team is reminded every
/// <see cref="ReminderEvery"/> from the objection until its cure deadline; at the deadline the period ends, after which
/// either side may terminate (DPA §1(g)).
/// </summary>
public static class CureClock
{
    public static readonly TimeSpan ReminderEvery = TimeSpan.FromDays(7);

    /// <summary>How many reminder times of the objection have come by <paramref name="now"/> (those before its deadline).</summary>
    public static int RoundAt(Objection objection, DateTimeOffset now)
    {
        var round = 0;
        while (objection.At + (ReminderEvery * (round + 1)) is var next && next <= now && next < objection.CureDeadline)
        {
            round++;
        }

        return round;
    }

    /// <summary>When the objection's clock next asks for something: its next reminder, else its deadline; null once it is settled or ended.</summary>
    public static DateTimeOffset? NextAt(Objection objection)
    {
        if (!objection.AwaitsOutcome || objection.CureEndedAt is not null)
        {
            return null;
        }

        var reminder = objection.At + (ReminderEvery * (objection.RemindedRounds + 1));
        return reminder < objection.CureDeadline ? reminder : objection.CureDeadline;
    }
}

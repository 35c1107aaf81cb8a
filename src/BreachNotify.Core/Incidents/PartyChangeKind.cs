namespace BreachNotify.Incidents;

public enum PartyChangeKind
{
    /// <summary>Affected now, not told before: gets a first notice, due from when it became affected.</summary>
    NewlyAffected,

    /// <summary>Told before, affected no longer: its follow-up says so.</summary>
    NoLongerAffected,
}

namespace BreachNotify.Incidents;

public enum PhaseKind
{
    /// <summary>Phase 0: the first notices, sent on approval.</summary>
    Initial,

    /// <summary>Information in phases (GDPR Art. 33(4)): what changed since the last notice.</summary>
    FollowUp,

    /// <summary>The incident's last notice, with the final report.</summary>
    Closing,
}

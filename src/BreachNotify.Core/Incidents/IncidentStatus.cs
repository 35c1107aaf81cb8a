namespace BreachNotify.Incidents;

public enum IncidentStatus
{
    /// <summary>A breach or an uncertain case: a commander must approve, reject or reclassify.</summary>
    AwaitingDecision,

    /// <summary>Recorded in the register as a security incident without personal data; a commander may still reclassify.</summary>
    NoBreach,

    /// <summary>Approved: notices are going out.</summary>
    Approved,

    /// <summary>A commander decided not to notify; recorded with the reason.</summary>
    Rejected,

    /// <summary>Recorded, not yet classified: the worker classifies it within moments (a commander may reclassify it by hand).</summary>
    Received,

    /// <summary>Approved, and since then the classification changed what the notices say: a commander must approve the follow-up.</summary>
    UpdatePending,

    /// <summary>Closed with a final report: the closing notices go out; later detections are only recorded.</summary>
    Closed,
}

namespace BreachNotify.Application.Acknowledgements;

/// <summary>Where a notice's acknowledgement stands as its page shows it.</summary>
public enum AcknowledgementState
{
    /// <summary>Not acknowledged: the page has the form.</summary>
    Open,

    /// <summary>Acknowledged before this visit.</summary>
    AlreadyAcknowledged,

    /// <summary>Acknowledged by the request that shows the page.</summary>
    RecordedNow,
}

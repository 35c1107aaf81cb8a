namespace BreachNotify.Adapters.Tables;

/// <summary>
/// What one notice adds to its matter's counts (<see cref="NoticeStore.CountByFlagsAsync"/>): the same tests the counts
/// always made of a notice row (its status and its sent, delivered and acknowledged times), kept as one small number
/// per notice in its slice's count row.
/// </summary>
[Flags]
public enum NoticeCountFlags
{
    None = 0,

    /// <summary>Pending or sending: not yet sent, failed or bounced.</summary>
    Pending = 1,

    /// <summary>Has a sent time.</summary>
    Sent = 2,

    /// <summary>Failed or bounced: did not reach its contact.</summary>
    Failed = 4,

    Acknowledged = 8,

    /// <summary>Has a delivered time.</summary>
    Delivered = 16,

    Bounced = 32,
}

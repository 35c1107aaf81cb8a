namespace BreachNotify.Notices;

/// <summary>A notice's life. Transitions are guarded by the record's ETag so two workers never both send it.</summary>
public enum NoticeStatus
{
    Pending,
    Sending,
    Sent,
    Delivered,
    Bounced,
    Failed,
    Acknowledged,
}

namespace BreachNotify.Notices;

/// <summary>A notice's status; its transitions are <see cref="Notice"/>'s, applied under the row's ETag so two workers never both send it.</summary>
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

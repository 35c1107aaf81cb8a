using System.Text.Json.Serialization;

namespace BreachNotify.SubprocessorChanges;

/// <summary>
/// The customers' <see cref="ObjectionWindow.NoticeSentBy"/> came: <see cref="Customers"/> are those checked,
/// <see cref="Unsent"/> those of them whose notices had not all been sent (escalated to the privacy team).
/// </summary>
public sealed record NoticeDeadlinePassed(DateTimeOffset At, string Actor, IReadOnlyList<string> Customers, IReadOnlyList<string> Unsent)
    : SubprocessorChangeEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "noticeDeadline";

    public override string Describe() => Unsent.Count == 0
        ? $"notice deadline of {Customers.Count} customers passed: every notice sent in time"
        : $"notice deadline of {Customers.Count} customers passed: {Unsent.Count} not sent in time ({string.Join(", ", Unsent)})";
}

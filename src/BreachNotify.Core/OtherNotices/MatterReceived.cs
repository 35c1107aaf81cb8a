using System.Text.Json.Serialization;

namespace BreachNotify.OtherNotices;

/// <summary>A commander recorded the matter; <see cref="Customers"/> are those concerned (resolved from the directory), each with its due time.</summary>
public sealed record MatterReceived(DateTimeOffset At, string Actor, OtherMatter Matter, IReadOnlyList<MatterCustomer> Customers)
    : MatterEvent(At, Actor)
{
    [JsonIgnore]
    public override string Kind => "received";

    public override string Describe() =>
        $"received: {Matter.Kind}, {Customers.Count} customer(s)" + (Matter.Prohibition is { } p
            ? $"; under a legal prohibition on telling the customer{(p.Until is { } until ? $" until {until.UtcDateTime:yyyy-MM-dd HH:mm} UTC" : "")}: nothing is sent while it holds"
            : "");
}

using BreachNotify.Functions.SubprocessorChanges;
using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Functions.CommanderConsole;

/// <summary>What a sub-processor change's page shows: the change, its status as the enum, and the last action's outcome.</summary>
public sealed record ChangePageModel(ChangeView View, ChangeStatus Status, string? Message, bool Error)
{
    private static readonly string CorrectiveSteps = Kebab.Of(ObjectionOutcome.CorrectiveSteps);

    public static ChangePageModel Of(ChangeView view, string? message, bool error) => new(view, Enum.Parse<ChangeStatus>(view.Status), message, error);

    /// <summary>The decisions open now (value, label): all three while it waits, withdrawal until an approved change takes effect.</summary>
    public IReadOnlyList<(string Value, string Label)> Choices => Status switch
    {
        ChangeStatus.AwaitingDecision => [("approve", "Approve: send the notices"), ("reject", "Reject"), ("withdraw", "Withdraw")],
        ChangeStatus.Approved when View.TookEffectAt is null => [("withdraw", "Withdraw: tell every customer notified")],
        _ => [],
    };

    /// <summary>An objection is settled once it has an outcome other than corrective steps (which keep the cure period running).</summary>
    public static bool Settled(ObjectionView objection) => objection.Outcome is { } outcome && outcome != CorrectiveSteps;
}

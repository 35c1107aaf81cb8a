using BreachNotify.Incidents;

namespace BreachNotify.Application.Incidents;

/// <summary>The decisions as the API and the console spell them.</summary>
internal static class DecisionNames
{
    private static readonly Dictionary<string, DecisionKind> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["approve"] = DecisionKind.Approve,
        ["reject"] = DecisionKind.Reject,
        ["reclassify"] = DecisionKind.Reclassify,
        ["edit"] = DecisionKind.Edit,
        ["approve-update"] = DecisionKind.ApproveUpdate,
        ["close"] = DecisionKind.Close,
        ["override-severity"] = DecisionKind.OverrideSeverity,
    };

    public const string OneOf = "one of approve, reject, reclassify, edit, approve-update, close, override-severity";

    public static bool TryParse(string? name, out DecisionKind kind) => Kinds.TryGetValue(name ?? "", out kind);

    public static string Of(DecisionKind kind) => Kinds.First(k => k.Value == kind).Key;
}

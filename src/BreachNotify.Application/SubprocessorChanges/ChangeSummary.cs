using BreachNotify.SubprocessorChanges;

namespace BreachNotify.Application.SubprocessorChanges;

/// <summary>One change in the commanders' list.</summary>
public sealed record ChangeSummary(
    string Id, string Kind, string Status, SubprocessorEntry Subprocessor, string? Replaces, DateTimeOffset EffectiveAt, DateTimeOffset AnnouncedAt, int Customers)
{
    public static ChangeSummary Of(ChangeListEntry e) =>
        new(e.Id, Kebab.Of(e.Kind), e.Status.ToString(), e.Subprocessor, e.Replaces, e.EffectiveAt, e.AnnouncedAt, e.CustomerCount);
}

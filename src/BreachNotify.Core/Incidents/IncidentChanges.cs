using System.Globalization;
using BreachNotify.Parties;

namespace BreachNotify.Incidents;

/// <summary>
/// What changed between the classification the parties were told and the one the incident has now: the fields a
/// notice states (per field, before and after) and the parties affected (added, removed). Empty: nothing to tell.
/// </summary>
public sealed record IncidentChanges
{
    public IReadOnlyList<FieldChange> Fields { get; init; } = [];

    public IReadOnlyList<PartyChange> Parties { get; init; } = [];

    public bool IsEmpty => Fields.Count == 0 && Parties.Count == 0;

    public static IncidentChanges Between(Classification.Classification told, Classification.Classification now)
    {
        var fields = new List<FieldChange>();
        Compare("verdict", told.Verdict.ToString(), now.Verdict.ToString(), fields);
        Compare("breachTypes", Join(told.BreachTypes.Order().Select(t => t.ToString())), Join(now.BreachTypes.Order().Select(t => t.ToString())), fields);
        Compare("dataCategories", Join(Sorted(told.DataCategories)), Join(Sorted(now.DataCategories)), fields);
        Compare("approxRecords", Records(told.ApproxRecords), Records(now.ApproxRecords), fields);

        var parties = new List<PartyChange>();
        AddParties(PartyKind.Customer, told.AffectedCustomers, now.AffectedCustomers, parties);
        AddParties(PartyKind.Subprocessor, told.AffectedSubprocessors, now.AffectedSubprocessors, parties);
        return new IncidentChanges { Fields = fields, Parties = parties };
    }

    private static void Compare(string field, string before, string after, List<FieldChange> into)
    {
        if (!string.Equals(before, after, StringComparison.Ordinal))
        {
            into.Add(new FieldChange(field, before, after));
        }
    }

    private static void AddParties(PartyKind kind, IReadOnlyList<string> told, IReadOnlyList<string> now, List<PartyChange> into)
    {
        into.AddRange(now.Except(told, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => new PartyChange(kind, id, PartyChangeKind.NewlyAffected)));
        into.AddRange(told.Except(now, StringComparer.Ordinal).Order(StringComparer.Ordinal).Select(id => new PartyChange(kind, id, PartyChangeKind.NoLongerAffected)));
    }

    private static IEnumerable<string> Sorted(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase);

    private static string Join(IEnumerable<string> values) => string.Join(", ", values);

    private static string Records(long? records) => records?.ToString(CultureInfo.InvariantCulture) ?? "";
}

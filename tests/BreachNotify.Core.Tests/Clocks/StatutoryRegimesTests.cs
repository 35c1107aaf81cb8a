using System.Text.RegularExpressions;
using BreachNotify.Clocks;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Clocks;

/// <summary>shared/reference/breach-deadlines.md is the source: every row of its table must be encoded.</summary>
public sealed partial class StatutoryRegimesTests
{
    private sealed record Row(string Regime, string Limit, string Level);

    private static List<Row> ReferenceRows()
    {
        var rows = new List<Row>();
        foreach (var line in File.ReadAllLines(TestData.FixturePath("breach-deadlines.md")))
        {
            if (!line.StartsWith('|') || line.StartsWith("| Regime", StringComparison.Ordinal) || line.StartsWith("|---", StringComparison.Ordinal))
            {
                continue;
            }

            var cells = line.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
            rows.Add(new Row(cells[0], cells[2], cells[^1]));
        }

        return rows;
    }

    /// <summary>Letters and digits only, so "Colorado (C.R.S. 6-1-716)" and "Colorado C.R.S. 6-1-716" compare equal.</summary>
    private static string Key(string name) => new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    [Fact]
    public void ReferenceTable_IsReadFromTheSharedFile()
    {
        var rows = ReferenceRows();

        Assert.True(rows.Count >= 21, $"only {rows.Count} rows read from breach-deadlines.md");
        Assert.Contains(rows, r => r.Regime == "GDPR Art. 33(2)");
    }

    [Fact]
    public void All_EncodesEveryRowOfTheReferenceTable()
    {
        var encoded = StatutoryRegimes.All.Select(r => Key(r.Name)).ToHashSet();

        var missing = ReferenceRows().Where(r => !encoded.Contains(Key(r.Regime))).Select(r => r.Regime).ToList();

        Assert.True(missing.Count == 0, $"not in StatutoryRegimes.All: {string.Join("; ", missing)}");
    }

    [Fact]
    public void All_ConfirmationLevelOfEachRegimeMatchesTheReferenceTable()
    {
        foreach (var row in ReferenceRows())
        {
            var expected = Enum.Parse<ConfirmationLevel>(row.Level, ignoreCase: true);
            foreach (var regime in StatutoryRegimes.All.Where(r => Key(r.Name) == Key(row.Regime)))
            {
                Assert.True(expected == regime.Level, $"{regime.Name}: {regime.Level}, the reference says {row.Level}");
            }
        }
    }

    [Fact]
    public void All_NumericLimitsAppearInTheReferenceRowsLimitText()
    {
        foreach (var row in ReferenceRows())
        {
            var numbers = Number().Matches(row.Limit).Select(m => int.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
            foreach (var regime in StatutoryRegimes.All.Where(r => Key(r.Name) == Key(row.Regime) && r.Kind != LimitKind.Qualitative))
            {
                Assert.True(numbers.Contains(regime.Amount), $"{regime.Name}: {regime.Amount} {regime.Kind} is not in '{row.Limit}'");
            }
        }
    }

    [Fact]
    public void All_BusinessDayRowsAreEncodedAsBusinessDays()
    {
        foreach (var row in ReferenceRows().Where(r => r.Limit.StartsWith("14 business days", StringComparison.Ordinal) || r.Limit.StartsWith("4 business days", StringComparison.Ordinal) || r.Limit.StartsWith("3 business days", StringComparison.Ordinal)))
        {
            Assert.All(StatutoryRegimes.All.Where(r => Key(r.Name) == Key(row.Regime)), r => Assert.Equal(LimitKind.BusinessDays, r.Kind));
        }
    }

    [Fact]
    public void For_JurisdictionCode_IsCaseInsensitiveAndTexasHasTwoClocks()
    {
        Assert.Equal(2, StatutoryRegimes.For("us-tx").Count());
        Assert.Equal(3, StatutoryRegimes.For("GDPR").Count());
        Assert.Empty(StatutoryRegimes.For("XX"));
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Number();
}

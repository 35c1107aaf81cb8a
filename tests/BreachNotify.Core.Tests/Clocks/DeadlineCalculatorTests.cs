using BreachNotify.Clocks;
using BreachNotify.Tests.Builders;

namespace BreachNotify.Tests.Clocks;

public sealed class DeadlineCalculatorTests
{
    private static readonly DateTimeOffset AwareAt = TestData.Now;
    private readonly DeadlineCalculator _calculator = new(TestData.SampleDirectory);

    [Fact]
    public void DueTimes_CustomersWithContractLimits_AreAwarenessPlusTheirHours()
    {
        var due = _calculator.DueTimes(AwareAt, ["contoso", "fabrikam", "woodgrove"], []);

        Assert.Equal(
            [
                new DueTime("contoso", AwareAt.AddHours(48), "contract: 48 h"),
                new DueTime("fabrikam", AwareAt.AddHours(72), "contract: 72 h"),
                new DueTime("woodgrove", AwareAt.AddHours(24), "contract: 24 h"),
            ],
            due);
    }

    [Fact]
    public void DueTimes_CustomerWithoutContractLimit_UsesTheProcessorDefault()
    {
        var due = Assert.Single(_calculator.DueTimes(AwareAt, ["tailspin"], []));

        Assert.Equal(AwareAt.AddHours(24), due.DueAt);
        Assert.Equal("processor default: 24 h", due.Basis);
    }

    [Fact]
    public void DueTimes_ProcessorDefaultIsTakenFromTheDirectory()
    {
        var directory = DirectoryBuilder.FromSample().WithProcessor(p => p with { DefaultNoticeLimitHours = 36 }).Build();

        var due = Assert.Single(new DeadlineCalculator(directory).DueTimes(AwareAt, ["tailspin"], []));

        Assert.Equal(AwareAt.AddHours(36), due.DueAt);
        Assert.Equal("processor default: 36 h", due.Basis);
    }

    [Fact]
    public void DueTimes_Subprocessors_UseTheirOwnContractLimits()
    {
        var due = _calculator.DueTimes(AwareAt, [], ["cloud-host", "llm-provider"]);

        Assert.Equal([AwareAt.AddHours(24), AwareAt.AddHours(72)], due.Select(d => d.DueAt));
        Assert.Equal(["contract: 24 h", "contract: 72 h"], due.Select(d => d.Basis));
    }

    [Fact]
    public void DueTimes_OffsetAwareness_GivesTheSameInstant()
    {
        var inBerlin = AwareAt.ToOffset(TimeSpan.FromHours(1));

        var due = Assert.Single(_calculator.DueTimes(inBerlin, ["contoso"], []));

        Assert.Equal(AwareAt.AddHours(48).UtcDateTime, due.DueAt.UtcDateTime);
    }

    [Fact]
    public void StatutoryClocks_Fabrikam_ShowsBothTexasRowsAndWashingtonWithTheirLevels()
    {
        var clocks = _calculator.StatutoryClocks(AwareAt, ["fabrikam"]);

        Assert.All(clocks, c => Assert.Equal("fabrikam", c.CustomerId));
        Assert.Equal(3, clocks.Count);
        var texas = clocks.Where(c => c.Regime.StartsWith("Texas", StringComparison.Ordinal)).OrderBy(c => c.DueAt).ToList();
        Assert.Equal(2, texas.Count);
        Assert.Equal(AwareAt.AddDays(30), texas[0].DueAt);
        Assert.Contains("Attorney General", texas[0].WhoTellsWhom, StringComparison.Ordinal);
        Assert.Equal(AwareAt.AddDays(60), texas[1].DueAt);
        Assert.Contains("individuals", texas[1].WhoTellsWhom, StringComparison.Ordinal);
        Assert.All(texas, c => Assert.Equal(ConfirmationLevel.Confirmed, c.Level));
        var washington = Assert.Single(clocks, c => c.Regime.StartsWith("Washington", StringComparison.Ordinal));
        Assert.Equal(AwareAt.AddDays(30), washington.DueAt);
        Assert.Equal(ConfirmationLevel.Confirmed, washington.Level);
    }

    [Fact]
    public void StatutoryClocks_Tailspin_ShowsSecondaryLevelForFloridaAndColorado()
    {
        var clocks = _calculator.StatutoryClocks(AwareAt, ["tailspin"]);

        Assert.Equal(2, clocks.Count);
        Assert.All(clocks, c => Assert.Equal(ConfirmationLevel.Secondary, c.Level));
        Assert.All(clocks, c => Assert.Equal(AwareAt.AddDays(30), c.DueAt));
    }

    [Fact]
    public void StatutoryClocks_GdprCustomer_QualitativeLimitsHaveNoDueTime()
    {
        var clocks = _calculator.StatutoryClocks(AwareAt, ["contoso"]);

        Assert.Equal(3, clocks.Count);
        Assert.Null(clocks.Single(c => c.Regime == "GDPR Art. 33(2)").DueAt);
        Assert.Null(clocks.Single(c => c.Regime == "GDPR Art. 34").DueAt);
        Assert.Equal(AwareAt.AddHours(72), clocks.Single(c => c.Regime == "GDPR Art. 33(1)").DueAt);
    }

    [Fact]
    public void StatutoryClocks_UnknownCustomer_GivesNone()
    {
        Assert.Empty(_calculator.StatutoryClocks(AwareAt, ["globex"]));
    }

    [Fact]
    public void DueAt_QualitativeRegimes_AreNull()
    {
        var qualitative = StatutoryRegimes.All.Where(r => r.Kind == LimitKind.Qualitative).ToList();

        Assert.NotEmpty(qualitative);
        Assert.All(qualitative, r => Assert.Null(DeadlineCalculator.DueAt(AwareAt, r)));
    }

    [Fact]
    public void AddBusinessDays_FridayPlusFour_IsThursday()
    {
        var friday = new DateTimeOffset(2026, 11, 20, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal(DayOfWeek.Friday, friday.DayOfWeek);

        var due = DeadlineCalculator.AddBusinessDays(friday, 4);

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), due);
        Assert.Equal(DayOfWeek.Thursday, due.DayOfWeek);
    }

    [Theory]
    [InlineData(2026, 11, 21, 1, 2026, 11, 23)] // Saturday + 1 = Monday
    [InlineData(2026, 11, 22, 1, 2026, 11, 23)] // Sunday + 1 = Monday
    [InlineData(2026, 11, 16, 5, 2026, 11, 23)] // Monday + 5 = next Monday
    [InlineData(2026, 11, 20, 14, 2026, 12, 10)] // Vermont's 14 business days from a Friday
    [InlineData(2026, 11, 20, 0, 2026, 11, 20)]
    public void AddBusinessDays_SkipsWeekends(int y, int m, int d, int days, int ey, int em, int ed)
    {
        var due = DeadlineCalculator.AddBusinessDays(new DateTimeOffset(y, m, d, 12, 0, 0, TimeSpan.Zero), days);

        Assert.Equal(new DateTimeOffset(ey, em, ed, 12, 0, 0, TimeSpan.Zero), due);
    }

    [Fact]
    public void DueAt_SecBusinessDaysRegime_CountsBusinessDays()
    {
        var sec = StatutoryRegimes.All.Single(r => r.Jurisdiction == "SEC");

        Assert.Equal(new DateTimeOffset(2026, 11, 26, 9, 0, 0, TimeSpan.Zero), DeadlineCalculator.DueAt(TestData.Now, sec));
    }
}

using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Tests.Hosting;

/// <summary>The options' generated validators: their wording per key at start, and the host's own check when it starts.</summary>
public sealed class OptionsValidationTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string, string> BadSettings => new()
    {
        { "Workflow:Concurrency", "0", "Workflow:Concurrency: must be between 1 and 256" },
        { "Workflow:ApprovalEscalationMinutes", "0", "Workflow:ApprovalEscalationMinutes: must be a positive number of minutes" },
        { "Workflow:DeadlineWarningMinutes", "-1", "Workflow:DeadlineWarningMinutes: must not be negative" },
        { "Workflow:SendBatchSize", "150", "Workflow:SendBatchSize: must be between 1 and 1000 and a multiple of Workflow:FanOutBatchSize" },
        { "SendGrid:ApiKey", " ", "SendGrid:ApiKey: required" },
        { "SendGrid:Host", "ftp://mail", "SendGrid:Host: 'ftp://mail' is not an http(s) URL" },
        { "SendGrid:MaxRecipientsPerRequest", "1001", "SendGrid:MaxRecipientsPerRequest: must be between 1 and 1000" },
        { "SendGrid:MaxRequestBytes", "5", "SendGrid:MaxRequestBytes: must be between 10000 and 19000000 (SendGrid refuses more than 20 MB)" },
        { "SendGrid:RateLimitDefaultWaitSeconds", "0", "SendGrid:RateLimitDefaultWaitSeconds: must be above 0 and at most 600" },
        { "SendGrid:MaxRetries", "11", "SendGrid:MaxRetries: must be between 0 and 10" },
        { "SendGrid:TotalTimeoutSeconds", "1", "SendGrid:TotalTimeoutSeconds: must be at least SendGrid:AttemptTimeoutSeconds (1 < 2)" },
        { "Ingest:MaxBodyBytes", "10", "Ingest:MaxBodyBytes: must be between 1024 and 67108864" },
        { "Ingest:CorrelationWindowMinutes", "-5", "Ingest:CorrelationWindowMinutes: must not be negative (0 turns correlation off)" },
        { "Acknowledgement:TokenLifetimeDays", "366", "Acknowledgement:TokenLifetimeDays: must be between 1 and 365" },
        { "Storage:Prefix", "Upper", "Storage:Prefix: at most 20 lower-case letters and digits" },
        { "Console:SessionMinutes", "1", "Console:SessionMinutes: between 5 and 1440" },
        { "Console:Auth", "Password", "Console:Auth: 'Password' is not Key or EasyAuth" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Read_BadSetting_IsOneLineNamingTheKey(string key, string value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;

        var (result, problems) = Read(settings);

        Assert.Null(result);
        Assert.Equal(expected, Assert.Single(problems));
    }

    [Fact]
    public void Read_TwoBadKeysOfOneSection_AreOneLineEach()
    {
        var settings = ValidSettings();
        settings["Workflow:SendRetrySeconds"] = "0";
        settings["Workflow:SendGiveUpMinutes"] = "0";

        var (_, problems) = Read(settings);

        Assert.Equal(["Workflow:SendGiveUpMinutes: must be positive", "Workflow:SendRetrySeconds: must be positive"], problems.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_ValueOfTheWrongType_IsOneLineNamingTheKey_NotAnException()
    {
        var settings = ValidSettings();
        settings["Workflow:FanOutBatchSize"] = "many";

        var (result, problems) = Read(settings);

        Assert.Null(result);
        // Not the value: a value in the wrong place may be a secret.
        Assert.Equal("Workflow:FanOutBatchSize: not a valid System.Int32", Assert.Single(problems));
    }

    [Fact]
    public async Task Start_OptionTurnedBadAfterTheCheck_FailsWithTheSameLine()
    {
        var (app, problems) = BreachNotifyApp.Create([TestApp.NoFileWatchers], b => b.Configuration.AddInMemoryCollection(ValidSettings()));
        Assert.True(app is not null, string.Join("; ", problems));
        await using var _ = app;
        app.Configuration["Workflow:Concurrency"] = "0";

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync(TestContext.Current.CancellationToken));

        Assert.Equal(["Workflow:Concurrency: must be between 1 and 256"], BreachNotifyOptions.Problems(failure));
    }

    private Dictionary<string, string?> ValidSettings() =>
        TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());

    private static (StartupSettings? Settings, IReadOnlyList<string> Problems) Read(Dictionary<string, string?> settings) =>
        StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);
}

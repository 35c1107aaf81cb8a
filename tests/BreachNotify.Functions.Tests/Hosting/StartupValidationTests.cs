using BreachNotify.Functions.Hosting;
using BreachNotify.Functions.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;

namespace BreachNotify.Functions.Tests.Hosting;

public sealed class StartupValidationTests(AzuriteFixture azurite)
{
    private Dictionary<string, string?> ValidSettings() =>
        TestApp.BaseSettings(azurite.ConnectionString, azurite.NewPrefix(), new Uri("http://127.0.0.1:9"), AzuriteFixture.FreePort());

    [Fact]
    public void Read_ValidSettings_HasNoProblems()
    {
        var (settings, problems) = Read(ValidSettings());

        Assert.Empty(problems);
        Assert.NotNull(settings);
    }

    public static TheoryData<string, string?, string> BadSettings => new()
    {
        { "Storage:ConnectionString", null, "Storage:ConnectionString: required" },
        { "PublicBaseUrl", "not a url", "PublicBaseUrl: 'not a url' is not an absolute http(s) URL" },
        { "Sources:siem:Secret", "short", "Sources:siem:Secret: required, at least 16 characters" },
        { "Sources:siem:Secret", "@Microsoft.KeyVault(SecretUri=https://kv/secrets/x)", "Sources:siem:Secret: is an unresolved Key Vault reference" },
        { "Commanders:Keys:ic-primary", "the-plain-key", "Commanders:Keys:ic-primary: must be the SHA-256 of the key" },
        { "SendGrid:From", "nobody", "SendGrid:From: required, an email address" },
        { "Workflow:FanOutBatchSize", "500", "Workflow:FanOutBatchSize: must be between 1 and 100" },
        { "Workflow:SendLeaseSeconds", "3", "Workflow:SendLeaseSeconds: must be longer than SendGrid:TotalTimeoutSeconds" },
        { "Directory:Path", "/nowhere/directory.json", "Directory:Path: file '/nowhere/directory.json' does not exist" },
        { "FrontEnd:KnownProxies:0", "not-an-ip", "FrontEnd:KnownProxies: 'not-an-ip' is not an IP address" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void Read_BadSetting_NamesTheKeyAndTheProblem(string key, string? value, string expected)
    {
        var settings = ValidSettings();
        settings[key] = value;

        var (result, problems) = Read(settings);

        Assert.Null(result);
        Assert.Contains(problems, p => p.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Read_DirectoryWithBadContact_NamesTheEntry()
    {
        var path = Path.Combine(Path.GetTempPath(), $"directory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, File.ReadAllText(RepositoryRoot.File("samples", "directory.sample.json")).Replace("privacy@contoso.example", "privacy-at-contoso", StringComparison.Ordinal));
        var settings = ValidSettings();
        settings["Directory:Path"] = path;

        var (_, problems) = Read(settings);

        Assert.Contains("Directory:Path: customers[contoso].contacts[0].email: 'privacy-at-contoso' is not an email address", problems);
    }

    [Fact]
    public async Task App_WithBadSetting_ExitsWithOneLinePerProblemAndNoStackTrace()
    {
        var settings = ValidSettings();
        settings["PublicBaseUrl"] = "ftp://wrong";
        settings["Sources:siem:Secret"] = "short";

        await using var app = AppProcess.Start(settings);
        Assert.True(await app.WaitForExitAsync(TimeSpan.FromSeconds(60)));

        Assert.Equal(2, app.ExitCode);
        Assert.Contains("BreachNotify cannot start: PublicBaseUrl: 'ftp://wrong' is not an absolute http(s) URL", app.Output);
        Assert.Contains("BreachNotify cannot start: Sources:siem:Secret: required, at least 16 characters", app.Output);
        Assert.DoesNotContain("   at ", app.Output);
    }

    private static (StartupSettings? Settings, IReadOnlyList<string> Problems) Read(Dictionary<string, string?> settings) =>
        StartupSettings.Read(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), RepositoryRoot.Path);
}

using System.Text.Json.Nodes;
using BreachNotify.Cli.Tests.Infrastructure;

namespace BreachNotify.Cli.Tests;

public sealed class DirectoryValidateTests
{
    [Fact]
    public async Task The_sample_directory_is_valid()
    {
        var result = await CliRun.RunAsync(["directory", "validate", CliRun.Fixture("directory.sample.json")]);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("valid: 4 customers, 8 contacts, 5 assets", Assert.Single(result.OutputLines));
    }

    [Fact]
    public async Task A_broken_copy_fails_with_one_line_per_problem_naming_the_entry()
    {
        var json = JsonNode.Parse(await File.ReadAllTextAsync(CliRun.Fixture("directory.sample.json"), TestContext.Current.CancellationToken))!;
        json["customers"]![0]!["contacts"]![0]!["email"] = "not-an-address";
        json["assets"]![0]!["customerScope"]!.AsObject()["optedInto"] = "no-such-service";
        var file = Path.Combine(Path.GetTempPath(), $"directory-broken-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, json.ToJsonString(), TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync(["directory", "validate", file]);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal(2, result.OutputLines.Count);
            Assert.Contains(result.OutputLines, l => l.StartsWith("customers[contoso].contacts[0].email:", StringComparison.Ordinal) && l.Contains("not-an-address"));
            Assert.Contains(result.OutputLines, l => l.StartsWith("assets[sql-prod-eu].customerScope.optedInto:", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_json_syntax_error_is_one_line()
    {
        var file = Path.Combine(Path.GetTempPath(), $"directory-syntax-{Guid.NewGuid():n}.json");
        await File.WriteAllTextAsync(file, "{ \"processor\": { \"name\": \"x\", }\n  \"customers\": [ ", TestContext.Current.CancellationToken);
        try
        {
            var result = await CliRun.RunAsync(["directory", "validate", file]);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.OutputLines);
            Assert.Contains("not a valid directory", line);
            Assert.Contains("LineNumber", line);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_missing_file_is_one_line()
    {
        var result = await CliRun.RunAsync(["directory", "validate", "/no/such/directory.json"]);

        result.AssertOneLineFailure("file not found");
    }
}

using System.Xml.Linq;
using BreachNotify.Functions.Tests.Infrastructure;

namespace BreachNotify.Functions.Tests.Architecture;

/// <summary>
/// The projects' layers: domain (Core) ← adapters (Tables, Queues, SendGrid, Webhooks) ← use cases (Application) ← HTTP edge
/// (Functions) ← the two hosts. The operators' tool and the bench stand beside the edge: they reference the use cases and
/// adapters, never the web app.
/// </summary>
public sealed class LayeringTests
{
    [Theory]
    [InlineData("src/BreachNotify.Core/BreachNotify.Core.csproj", new string[0])]
    [InlineData("src/BreachNotify.Adapters/BreachNotify.Adapters.csproj", new[] { "BreachNotify.Core" })]
    [InlineData("src/BreachNotify.Application/BreachNotify.Application.csproj", new[] { "BreachNotify.Adapters", "BreachNotify.Core" })]
    [InlineData("src/BreachNotify.Functions/BreachNotify.Functions.csproj", new[] { "BreachNotify.Application", "BreachNotify.Core" })]
    [InlineData("tools/BreachNotify.Cli/BreachNotify.Cli.csproj", new[] { "BreachNotify.Adapters", "BreachNotify.Application", "BreachNotify.Core" })]
    public void Project_ReferencesOnlyTheLayersBelowIt(string project, string[] expected)
    {
        Assert.Equal(expected, ProjectReferences(project));
    }

    [Fact]
    public void Bench_RunsTheStandaloneHostButCompilesAgainstUseCasesAndAdaptersOnly()
    {
        var doc = XDocument.Load(RepositoryRoot.File("bench", "BreachNotify.Bench", "BreachNotify.Bench.csproj"));
        var compiled = doc.Descendants("ProjectReference")
            .Where(r => (string?)r.Attribute("ReferenceOutputAssembly") != "false")
            .Select(r => Path.GetFileNameWithoutExtension((string)r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal);

        Assert.Equal(["BreachNotify.Adapters", "BreachNotify.Application", "BreachNotify.MailCapture"], compiled);
    }

    [Theory]
    [InlineData(typeof(BreachNotify.Incidents.IncidentDecider), new string[0])]
    [InlineData(typeof(NoticeStore), new[] { "BreachNotify.Core" })]
    [InlineData(typeof(NoticeBatchSender), new[] { "BreachNotify.Adapters", "BreachNotify.Core" })]
    public void CompiledAssembly_ReferencesOnlyTheLayersBelowIt(Type member, string[] expected)
    {
        var ours = member.Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("BreachNotify.", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, ours);
    }

    private static IEnumerable<string> ProjectReferences(string project) =>
        XDocument.Load(RepositoryRoot.File(project.Split('/')))
            .Descendants("ProjectReference")
            .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
            .Order(StringComparer.Ordinal);
}

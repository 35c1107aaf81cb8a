using Json.Schema;

namespace BreachNotify.Functions.Tests.Infrastructure;

/// <summary>The published controller pack schema, read once: JsonSchema.Net registers a schema by its $id and refuses a second registration.</summary>
public static class ControllerPackSchema
{
    private static readonly Lazy<JsonSchema> Loaded = new(() => JsonSchema.FromText(File.ReadAllText(RepositoryRoot.File("docs", "schemas", "controller-pack-v1.schema.json"))));

    public static JsonSchema Instance => Loaded.Value;
}

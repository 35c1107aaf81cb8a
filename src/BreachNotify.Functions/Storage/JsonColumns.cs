using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace BreachNotify.Functions.Storage;

/// <summary>
/// Stores a JSON document across as many string properties as it needs (Table Storage caps one at 32K characters
/// and an entity at 1 MiB), so an incident with thousands of recipients still fits one row.
/// </summary>
internal static class JsonColumns
{
    private const int ChunkChars = 30_000;
    private const string DefaultPrefix = "Data";

    /// <returns>The length of the JSON written, in characters.</returns>
    public static int Write<T>(TableEntity entity, T value, string prefix = DefaultPrefix)
    {
        var json = JsonSerializer.Serialize(value, BreachNotify.DomainJson.Options);
        var chunks = 0;
        for (var offset = 0; offset < json.Length; offset += ChunkChars)
        {
            entity[$"{prefix}{chunks++}"] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }

        entity[$"{prefix}Chunks"] = chunks;
        return json.Length;
    }

    public static bool Has(TableEntity entity, string prefix) => entity.ContainsKey($"{prefix}Chunks");

    public static T Read<T>(TableEntity entity, string prefix = DefaultPrefix)
    {
        var chunks = entity.GetInt32($"{prefix}Chunks") ?? 0;
        var json = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            json.Append(entity.GetString($"{prefix}{i}"));
        }

        return JsonSerializer.Deserialize<T>(json.ToString(), BreachNotify.DomainJson.Options)
            ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} holds no {typeof(T).Name}.");
    }
}

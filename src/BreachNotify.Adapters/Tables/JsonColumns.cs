using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Azure.Data.Tables;

namespace BreachNotify.Adapters.Tables;

/// <summary>
/// Stores a JSON document across as many properties as it needs (Table Storage caps a string at 32K characters, a
/// binary at 64 KiB and an entity at 1 MiB): as text, or gzipped when it is large.
/// </summary>
internal static class JsonColumns
{
    private const int ChunkChars = 30_000;
    private const int ChunkBytes = 60_000;
    private const string DefaultPrefix = "Data";

    /// <summary>
    /// Above this many characters the JSON is stored gzipped in binary chunks: an incident's classification holds a due
    /// time and clocks per affected party, and a thousand parties' worth is over the entity limit as text (UTF-16) but
    /// a small fraction of it compressed.
    /// </summary>
    private const int CompressAboveChars = 60_000;

    /// <returns>The room the document takes in the entity, in characters (two bytes each).</returns>
    public static int Write<T>(TableEntity entity, T value, string prefix = DefaultPrefix)
    {
        var json = JsonSerializer.Serialize(value, BreachNotify.DomainJson.Options);
        if (json.Length > CompressAboveChars)
        {
            var compressed = Compress(json);
            var parts = 0;
            for (var offset = 0; offset < compressed.Length; offset += ChunkBytes)
            {
                entity[$"{prefix}Z{parts++}"] = compressed.AsSpan(offset, Math.Min(ChunkBytes, compressed.Length - offset)).ToArray();
            }

            entity[$"{prefix}ZChunks"] = parts;
            return (compressed.Length + 1) / 2;
        }

        var chunks = 0;
        for (var offset = 0; offset < json.Length; offset += ChunkChars)
        {
            entity[$"{prefix}{chunks++}"] = json.Substring(offset, Math.Min(ChunkChars, json.Length - offset));
        }

        entity[$"{prefix}Chunks"] = chunks;
        return json.Length;
    }

    public static bool Has(TableEntity entity, string prefix) => entity.ContainsKey($"{prefix}Chunks") || entity.ContainsKey($"{prefix}ZChunks");

    public static T Read<T>(TableEntity entity, string prefix = DefaultPrefix)
    {
        string json;
        if (entity.GetInt32($"{prefix}ZChunks") is { } parts)
        {
            using var compressed = new MemoryStream();
            for (var i = 0; i < parts; i++)
            {
                compressed.Write(entity.GetBinary($"{prefix}Z{i}"));
            }

            compressed.Position = 0;
            using var gzip = new GZipStream(compressed, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            json = reader.ReadToEnd();
        }
        else
        {
            var chunks = entity.GetInt32($"{prefix}Chunks") ?? 0;
            var text = new StringBuilder();
            for (var i = 0; i < chunks; i++)
            {
                text.Append(entity.GetString($"{prefix}{i}"));
            }

            json = text.ToString();
        }

        return JsonSerializer.Deserialize<T>(json, BreachNotify.DomainJson.Options)
            ?? throw new InvalidDataException($"Entity {entity.PartitionKey}/{entity.RowKey} holds no {typeof(T).Name}.");
    }

    private static byte[] Compress(string json)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest))
        {
            gzip.Write(Encoding.UTF8.GetBytes(json));
        }

        return buffer.ToArray();
    }
}

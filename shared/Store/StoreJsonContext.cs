using System.Text.Json.Serialization;

namespace AtotiAuth.Shared.Store;

/// <summary>Source-generated JSON for what the Redis store keeps as values.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using AtotiAuth.Shared.Users;

namespace AtotiAuth.Shared.Store;

/// <summary>Source-generated JSON for what the Redis store keeps as values.</summary>
[JsonSourceGenerationOptions(UseStringEnumConverter = true)]
[JsonSerializable(typeof(BasicUser))]
[JsonSerializable(typeof(string[]))]
internal sealed partial class StoreJsonContext : JsonSerializerContext;

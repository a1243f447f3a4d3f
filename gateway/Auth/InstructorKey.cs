using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace DataSelection.Gateway.Auth;

/// <summary>
/// Instructor keys: 128 random bits shown once at session creation; only their SHA-256 hash is
/// stored (by the session grain, which compares hashes in constant time).
/// </summary>
public static class InstructorKey
{
    public const string Header = "X-Instructor-Key";
    private const int KeyBytes = 16;
    private const int MaxKeyLength = 128;

    public static string Generate() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(KeyBytes));

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Keys longer than any we issue are refused before hashing.</summary>
    public static bool IsPlausible(string? key) => !string.IsNullOrEmpty(key) && key.Length <= MaxKeyLength;
}

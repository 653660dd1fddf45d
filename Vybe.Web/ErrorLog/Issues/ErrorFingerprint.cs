using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Vybe.Web.ErrorLog.Issues;

/// <summary>What makes two rows "the same error", and what the issue shows of it.</summary>
/// <param name="Hash">32 hex characters: the issue's key.</param>
/// <param name="Message">The message with its variable parts replaced by placeholders.</param>
/// <param name="Frames">The frames that took part, top first: <c>Type.Method</c>, or <c>/path/file.js:function</c> for browser stacks.</param>
public sealed record ErrorFingerprint(string Hash, string Message, IReadOnlyList<string> Frames)
{
    /// <summary>How many frames of the stack take part: enough to tell two callers apart, few enough that a refactoring deep down does not split an issue.</summary>
    public const int FrameCount = 3;

    /// <summary>The frame the issue names as where it happened.</summary>
    public string? Culprit => Frames.Count > 0 ? Frames[0] : null;

    /// <summary>
    /// The fingerprint of a row: its service, level and code, its message normalised
    /// (<see cref="ErrorMessageNormalizer"/>) and, when its details carry a stack, the top frames
    /// (<see cref="StackFrames"/>). Line and column numbers and script versions never take part.
    /// </summary>
    public static ErrorFingerprint Of(ErrorLogEntry entry) => Of(entry.Service, entry.Level, entry.Code, entry.Message, entry.Details);

    public static ErrorFingerprint Of(string service, string level, string? code, string message, string? detailsJson)
    {
        var normalized = ErrorMessageNormalizer.Normalize(message);
        var frames = StackFrames.Top(StackOf(detailsJson), FrameCount);
        if (frames.Count == 0 && ScriptOf(detailsJson) is { } script)
        {
            frames = [script];
        }
        var key = string.Join('\n', [service, level, code ?? "", normalized, .. frames]);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..32];
        return new ErrorFingerprint(hash, normalized, frames);
    }

    private static string? StackOf(string? detailsJson) => Property(detailsJson, "stack");

    /// <summary>A browser error without a stack still names its script: its path, without origin or version query.</summary>
    private static string? ScriptOf(string? detailsJson) =>
        Property(detailsJson, "source") is { Length: > 0 } source ? StackFrames.ScriptPath(source) : null;

    private static string? Property(string? detailsJson, string name)
    {
        if (string.IsNullOrEmpty(detailsJson))
        {
            return null;
        }
        try
        {
            using var document = JsonDocument.Parse(detailsJson);
            return document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>Replaces the parts of a message that vary between occurrences of one error.</summary>
public static partial class ErrorMessageNormalizer
{
    public const int MaxLength = 1000;

    public static string Normalize(string message)
    {
        var text = message.Length > MaxLength ? message[..MaxLength] : message;
        // The order matters: a URL's query holds numbers, a UUID holds hex, an address holds dots.
        text = UrlQuery().Replace(text, "${url}");
        text = Uuid().Replace(text, "<uuid>");
        text = Email().Replace(text, "<email>");
        text = Quoted().Replace(text, "<str>");
        text = Hex().Replace(text, "<hex>");
        text = Number().Replace(text, "<n>");
        return Whitespace().Replace(text, " ").Trim();
    }

    [GeneratedRegex(@"(?<url>\b(?:https?|wss?)://[^\s?#""'<>]+)(?:[?#][^\s""'<>]*)?", RegexOptions.IgnoreCase)]
    private static partial Regex UrlQuery();

    [GeneratedRegex(@"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Uuid();

    [GeneratedRegex(@"\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // 'text', "text", `text` and the typographic quotes, on one line.
    [GeneratedRegex(@"'[^'\r\n]*'|""[^""\r\n]*""|`[^`\r\n]*`|‘[^’\r\n]*’|“[^”\r\n]*”")]
    private static partial Regex Quoted();

    // 0x-prefixed, or a run of 8 or more hex digits with at least one digit and one letter a-f (ids, hashes, addresses).
    [GeneratedRegex(@"\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hex();

    [GeneratedRegex(@"(?<![A-Za-z_])[-+]?\d+(?:[.,:]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Reads the top frames of a .NET or a browser stack, without line and column numbers.</summary>
public static partial class StackFrames
{
    /// <summary>The namespace of the app's own code, whose frames are preferred.</summary>
    public const string OwnNamespace = "Vybe.";

    /// <summary>
    /// The top <paramref name="count"/> frames: for a .NET stack the frames in Vybe's own code (all
    /// frames when none is), as <c>Type.Method</c> with async state machines and lambdas named by the
    /// method that holds them; for a browser stack the frames as <c>/path/file.js:function</c>.
    /// </summary>
    public static IReadOnlyList<string> Top(string? stack, int count)
    {
        if (string.IsNullOrWhiteSpace(stack))
        {
            return [];
        }
        var dotnet = new List<string>();
        var browser = new List<string>();
        foreach (var rawLine in stack.Split('\n'))
        {
            var line = rawLine.Trim();
            if (DotnetFrame().Match(line) is { Success: true } frame)
            {
                dotnet.Add(DotnetName(frame.Groups["method"].Value));
            }
            else if (BrowserFrame(line) is { } script)
            {
                browser.Add(script);
            }
        }
        if (dotnet.Count > 0)
        {
            var own = dotnet.Where(f => f.StartsWith(OwnNamespace, StringComparison.Ordinal)).ToList();
            return (own.Count > 0 ? own : dotnet).Distinct(StringComparer.Ordinal).Take(count).ToList();
        }
        return browser.Take(count).ToList();
    }

    /// <summary>A script URL's path: no origin, no query (the version), no line or column.</summary>
    public static string ScriptPath(string url)
    {
        var text = LineAndColumn().Replace(url.Trim(), "");
        if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return uri.AbsolutePath;
        }
        var cut = text.IndexOfAny(['?', '#']);
        return cut >= 0 ? text[..cut] : text;
    }

    /// <summary>
    /// <c>Ns.Type.&lt;MethodAsync&gt;d__5.MoveNext()</c> → <c>Ns.Type.MethodAsync</c>;
    /// <c>Ns.Type.&lt;&gt;c__DisplayClass3_0.&lt;Method&gt;b__0(…)</c> → <c>Ns.Type.Method</c>;
    /// generic arity and parameters are dropped.
    /// </summary>
    private static string DotnetName(string method)
    {
        var name = Parameters().Replace(method, "");
        name = StateMachine().Replace(name, ".${name}");
        name = Lambda().Replace(name, ".${name}");
        name = CompilerClass().Replace(name, "");
        name = GenericArity().Replace(name, "");
        return name.Replace("..", ".", StringComparison.Ordinal).TrimEnd('.');
    }

    private static string? BrowserFrame(string line)
    {
        // Chrome: "at fn (https://host/js/a.js?v=1:12:34)" or "at https://host/js/a.js:12:34";
        // Firefox and Safari: "fn@https://host/js/a.js?v=1:12:34".
        if (ChromeFrame().Match(line) is { Success: true } chrome)
        {
            var function = chrome.Groups["fn"].Success ? chrome.Groups["fn"].Value.Trim() : "";
            return $"{ScriptPath(chrome.Groups["url"].Value)}:{FunctionName(function)}";
        }
        if (GeckoFrame().Match(line) is { Success: true } gecko)
        {
            return $"{ScriptPath(gecko.Groups["url"].Value)}:{FunctionName(gecko.Groups["fn"].Value)}";
        }
        return null;
    }

    private static string FunctionName(string function) => function.Length == 0 ? "(anonymous)" : function.Replace("async ", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^at (?<method>[^\s(]+(?:\[[^\]]*\])?)\(.*?\)(?: in .*)?$")]
    private static partial Regex DotnetFrame();

    [GeneratedRegex(@"^at (?:(?<fn>[^()]+?) \((?<url>[^()\s]+)\)|(?<url>\S+:\d+:\d+))$")]
    private static partial Regex ChromeFrame();

    [GeneratedRegex(@"^(?<fn>[^@\s]*)@(?<url>\S+:\d+:\d+)$")]
    private static partial Regex GeckoFrame();

    [GeneratedRegex(@":\d+(?::\d+)?$")]
    private static partial Regex LineAndColumn();

    [GeneratedRegex(@"\(.*\)$")]
    private static partial Regex Parameters();

    [GeneratedRegex(@"\.<(?<name>[^<>]+)>d__\d+\.MoveNext$")]
    private static partial Regex StateMachine();

    [GeneratedRegex(@"\.<>c(?:__DisplayClass[\d_]+)?\.<(?<name>[^<>]+)>b__[\d_]+$")]
    private static partial Regex Lambda();

    [GeneratedRegex(@"\.<>c(?:__DisplayClass[\d_]+)?")]
    private static partial Regex CompilerClass();

    [GeneratedRegex(@"`\d+")]
    private static partial Regex GenericArity();
}

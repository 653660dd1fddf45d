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
        // The order matters: a URL's query holds numbers, a UUID and a time hold hex and digits, an address holds dots.
        text = UrlQuery().Replace(text, "${url}");
        text = Uuid().Replace(text, "<uuid>");
        text = Time().Replace(text, "<time>");
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

    // An ISO 8601 date and time ("2025-03-14T12:00:00.123Z", "2025-03-14 12:00:00+01:00"): the letter T
    // would otherwise keep the hour from the number rule, which leaves digits after letters alone.
    [GeneratedRegex(@"\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?)?(?![\w:])")]
    private static partial Regex Time();

    [GeneratedRegex(@"\b[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Email();

    // 'text', "text", `text` and the typographic quotes, on one line. A single quote inside a word is an
    // apostrophe ("can't find 'x'"), not the start of a quoted string.
    [GeneratedRegex(@"(?<![\p{L}\p{N}])'[^'\r\n]*'(?![\p{L}\p{N}])|""[^""\r\n]*""|`[^`\r\n]*`|‘[^’\r\n]*’|“[^”\r\n]*”")]
    private static partial Regex Quoted();

    // 0x-prefixed, or a run of 8 or more hex digits with at least one digit and one letter a-f (ids, hashes, addresses).
    [GeneratedRegex(@"\b0x[0-9a-f]+\b|\b(?=[0-9a-f]*[0-9])(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b", RegexOptions.IgnoreCase)]
    private static partial Regex Hex();

    // A number on its own, not digits inside a name ("utf8", "x64", "pk_2"): nothing of a word may come before it.
    [GeneratedRegex(@"(?<!\w)[-+]?\d+(?:[.,:]\d+)*")]
    private static partial Regex Number();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>Reads the top frames of a .NET or a browser stack, without line and column numbers.</summary>
public static partial class StackFrames
{
    /// <summary>The namespace of the app's own code, whose frames are preferred.</summary>
    public const string OwnNamespace = "Vybe.";

    /// <summary>What a function without a name is called, whichever browser wrote the stack.</summary>
    public const string Anonymous = "(anonymous)";

    /// <summary>
    /// The top <paramref name="count"/> frames: for a .NET stack the frames in Vybe's own code (all
    /// frames when none is), as <c>Type.Method</c> with async state machines and lambdas named by the
    /// method that holds them; for a browser stack the frames in scripts (not the browser's own
    /// code) as <c>/path/file.js:function</c>.
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
    /// The method as the source names it, without what the compiler and the build number:
    /// <c>Ns.Type.&lt;MethodAsync&gt;d__5.MoveNext()</c> → <c>Ns.Type.MethodAsync</c>;
    /// <c>Ns.Type.&lt;&gt;c__DisplayClass3_0.&lt;Method&gt;b__0(…)</c> and async lambdas
    /// (<c>&lt;&gt;c.&lt;&lt;Method&gt;b__0_0&gt;d.MoveNext()</c>) → <c>Ns.Type.Method</c>;
    /// local functions (<c>&lt;Method&gt;g__Local|0_0</c>) → <c>Ns.Type.Method.Local</c>; generic
    /// arity (<c>Type`1</c>), type parameters (<c>Method[T]</c>) and parameters are dropped. The
    /// ordinals the compiler numbers lambdas and local functions with change when a method is added
    /// to the type, so they never take part.
    /// </summary>
    private static string DotnetName(string method)
    {
        var name = TypeParameters().Replace(method, "");
        name = GenericArity().Replace(name, "");
        name = CompilerClass().Replace(name, "");
        // Innermost first: an async lambda is the state machine <…> of the lambda <…> of the method.
        string unwrapped;
        do
        {
            unwrapped = name;
            name = CompilerMember().Replace(name, m => m.Groups["local"].Success ? $"{m.Groups["name"].Value}.{m.Groups["local"].Value}" : m.Groups["name"].Value);
        }
        while (name != unwrapped);
        return name.Replace("..", ".", StringComparison.Ordinal).TrimEnd('.');
    }

    private static string? BrowserFrame(string line)
    {
        // Chrome: "at fn (https://host/js/a.js?v=1:12:34)", "at https://host/js/a.js:12:34", "at async fn (…)",
        // "at async https://…"; Firefox and Safari: "fn@https://host/js/a.js?v=1:12:34", "@https://…",
        // "async*fn@…" (Firefox), "global code@…" (Safari).
        if (ChromeFrame().Match(line) is { Success: true } chrome)
        {
            var function = chrome.Groups["fn"].Success ? chrome.Groups["fn"].Value : "";
            return ScriptFrame(chrome.Groups["url"].Value, function);
        }
        if (GeckoFrame().Match(line) is { Success: true } gecko)
        {
            return ScriptFrame(gecko.Groups["url"].Value, gecko.Groups["fn"].Value);
        }
        return null;
    }

    /// <summary>A frame in a script; null for the browser's own code (<c>at Array.forEach (&lt;anonymous&gt;)</c>), which only Chrome lists.</summary>
    private static string? ScriptFrame(string url, string function) =>
        url.StartsWith('<') || url.StartsWith('[') ? null : $"{ScriptPath(url)}:{FunctionName(function)}";

    /// <summary>
    /// The function as every browser names it: Chrome's receiver (<c>Object.format</c>,
    /// <c>ReadingForm.submit</c>), <c>new </c> and <c>async </c>, an alias (<c> [as x]</c>),
    /// Firefox's async cause (<c>async*</c>) and nesting marks (<c>fn/&lt;</c>) are dropped; an
    /// anonymous function, Chrome's <c>&lt;anonymous&gt;</c> and Safari's <c>global code</c> are
    /// all <see cref="Anonymous"/>. So one error reads the same in Chrome, Firefox and Safari.
    /// </summary>
    private static string FunctionName(string function)
    {
        var name = GeckoAsyncCause().Replace(function.Trim(), "");
        name = ChromeAlias().Replace(name, "");
        name = ChromePrefix().Replace(name, "");
        name = GeckoNesting().Replace(name, "");
        var dot = name.LastIndexOf('.');
        if (dot >= 0 && dot < name.Length - 1)
        {
            name = name[(dot + 1)..];
        }
        return name is "" or "<anonymous>" or "global code" or "eval code" or "anonymous" ? Anonymous : name;
    }

    [GeneratedRegex(@"^at (?<method>[^\s(]+(?:\[[^\]]*\])?)\(.*?\)(?: in .*)?$")]
    private static partial Regex DotnetFrame();

    [GeneratedRegex(@"^at (?:(?<fn>[^()]+?) \((?<url>[^()\s]+)\)|(?:async )?(?<url>\S+:\d+:\d+))$")]
    private static partial Regex ChromeFrame();

    [GeneratedRegex(@"^(?<fn>[^@]*)@(?<url>\S+:\d+:\d+)$")]
    private static partial Regex GeckoFrame();

    [GeneratedRegex(@":\d+(?::\d+)?$")]
    private static partial Regex LineAndColumn();

    [GeneratedRegex(@"\[[^\]]*\]$")]
    private static partial Regex TypeParameters();

    [GeneratedRegex(@"`\d+")]
    private static partial Regex GenericArity();

    // The classes that hold lambdas: <>c, <>c__DisplayClass3_0.
    [GeneratedRegex(@"\.<>c(?:__DisplayClass[\d_]+)?(?=\.)")]
    private static partial Regex CompilerClass();

    // <Method>d__5 and <Method>d (state machines, with their MoveNext), <Method>b__0_1 (lambdas),
    // <Method>g__Local|0_1 (local functions).
    [GeneratedRegex(@"<(?<name>[^<>]+)>(?:d(?:__\d+)?(?:\.MoveNext)?|b__[\d_]+|g__(?<local>[^<>|]+)\|[\d_]+)(?=[.>]|$)")]
    private static partial Regex CompilerMember();

    [GeneratedRegex(@"^[^@*]*\*")]
    private static partial Regex GeckoAsyncCause();

    [GeneratedRegex(@" \[as [^\]]*\]$")]
    private static partial Regex ChromeAlias();

    [GeneratedRegex(@"^(?:(?:async|new) )+")]
    private static partial Regex ChromePrefix();

    [GeneratedRegex(@"(?:/<|<)+$")]
    private static partial Regex GeckoNesting();
}

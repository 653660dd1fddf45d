using System.Diagnostics;
using System.Reflection;
using System.Reflection.Emit;
using System.Runtime.InteropServices;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Vybe.TestSupport;

namespace Vybe.Web.Tests.Architecture;

/// <summary>
/// The layers of docs/ARCHITECTURE.md: the root of a capability folder holds pure code and the services
/// that orchestrate; code that talks to something outside the process lives in a subfolder named for
/// what it talks to. The app's compiled code is read (signatures and method bodies, lambdas and async
/// methods included), so a reference is found however it is written.
/// </summary>
public sealed class LayerTests
{
    /// <summary>The roots that hold pure code and the services that orchestrate: no I/O of their own.</summary>
    private static readonly string[] PureRoots = ["Vybe.Web.Readings", "Vybe.Web.Ocr", "Vybe.Web.History"];

    /// <summary>The engines, which take plain values: not even the HTTP request.</summary>
    private static readonly string[] Engines = ["Vybe.Web.Readings", "Vybe.Web.Ocr"];

    private static readonly Assembly App = typeof(Vybe.Web.Readings.NumerologyEngine).Assembly;

    /// <summary>A type the code uses, and the member of it when the use is a call or a field.</summary>
    private sealed record Use(Type Type, string? Member = null);

    private sealed record Outside(string What, Func<Use, bool> IsIt)
    {
        public static Outside Types(string what, Func<Type, bool> isIt) => new(what, use => isIt(use.Type));
    }

    private static readonly Outside[] InputOutput =
    [
        Outside.Types("the database", t => InNamespace(t, "Microsoft.EntityFrameworkCore", "Npgsql", "Microsoft.Data.Sqlite", "System.Data")
            || typeof(DbContext).IsAssignableFrom(t)),
        Outside.Types("the network", t => InNamespace(t, "System.Net.Http", "System.Net.Sockets", "System.Net.Mail", "MailKit", "MimeKit", "OpenAI", "System.ClientModel")),
        Outside.Types("a native library", t => t == typeof(NativeLibrary) || t == typeof(Marshal) || typeof(SafeHandle).IsAssignableFrom(t)
            || t == typeof(DllImportAttribute) || t == typeof(LibraryImportAttribute)),
        Outside.Types("the file system", t => t == typeof(File) || t == typeof(FileInfo) || t == typeof(Directory) || t == typeof(DirectoryInfo)
            || t == typeof(FileSystemInfo) || t == typeof(FileStream) || t == typeof(FileSystemWatcher) || t == typeof(DriveInfo)
            || t == typeof(RandomAccess)),
        Outside.Types("the console", t => t == typeof(Console)),
        new("the wall clock; take a TimeProvider", use => use.Type == typeof(Stopwatch)
            || ((use.Type == typeof(DateTime) || use.Type == typeof(DateTimeOffset)) && use.Member is "get_Now" or "get_UtcNow" or "get_Today")
            || (use.Type == typeof(Environment) && use.Member is "get_TickCount" or "get_TickCount64")),
    ];

    private static readonly Outside[] Request =
    [
        Outside.Types("the HTTP request", t => t == typeof(HttpContext) || t == typeof(HttpRequest) || t == typeof(HttpResponse)
            || t == typeof(IHttpContextAccessor) || t == typeof(IRequestCookieCollection) || t == typeof(IResponseCookies)),
    ];

    public static TheoryData<string> PureRootNamespaces => new(PureRoots);

    public static TheoryData<string> EngineNamespaces => new(Engines);

    [Theory]
    [MemberData(nameof(PureRootNamespaces))]
    public void A_capability_root_does_no_io_of_its_own(string root)
    {
        var violations = Scan(root, InputOutput);
        Assert.True(violations.Count == 0,
            $"{root} holds pure code and the services that orchestrate; move what talks to the outside into a subfolder named for it:\n  "
            + string.Join("\n  ", violations));
    }

    [Theory]
    [MemberData(nameof(EngineNamespaces))]
    public void An_engine_takes_plain_values_not_the_request(string root)
    {
        var violations = Scan(root, Request);
        Assert.True(violations.Count == 0,
            $"{root} is an engine; the page reads the request and passes values:\n  " + string.Join("\n  ", violations));
    }

    /// <summary>The scan is not blind: each adapter folder is found talking to what it is named for.</summary>
    [Theory]
    [InlineData("Vybe.Web.Readings.OpenAi", "the network")]
    [InlineData("Vybe.Web.Ocr.Tesseract", "a native library")]
    [InlineData("Vybe.Web.History.Storage", "the database")]
    public void The_scan_finds_the_io_of_each_adapter_folder(string adapter, string what)
    {
        var found = Scan(adapter, InputOutput);
        Assert.Contains(found, violation => violation.EndsWith($"({what})", StringComparison.Ordinal));
    }

    [Fact]
    public void Namespaces_follow_folders()
    {
        var project = Path.Combine(RepositoryPaths.Root, "Vybe.Web");
        var wrong = new List<string>();
        foreach (var file in Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(project, file);
            if (relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
                || relative == "Program.cs")
            {
                continue;
            }
            var folder = Path.GetDirectoryName(relative)!;
            var expected = folder.Length == 0 ? "Vybe.Web" : "Vybe.Web." + folder.Replace(Path.DirectorySeparatorChar, '.');
            var declared = File.ReadLines(file).FirstOrDefault(line => line.StartsWith("namespace ", StringComparison.Ordinal))?
                ["namespace ".Length..].TrimEnd(';', '{', ' ');
            if (declared != expected)
            {
                wrong.Add($"{relative}: {declared ?? "no namespace"} (expected {expected})");
            }
        }
        Assert.True(wrong.Count == 0, "A folder is a namespace:\n  " + string.Join("\n  ", wrong));
    }

    /// <summary>Every use of something outside by a type of the namespace (its nested types, lambdas and state machines included).</summary>
    private static List<string> Scan(string ns, Outside[] outside)
    {
        var types = App.GetTypes().Where(t => t.Namespace == ns).ToList();
        Assert.NotEmpty(types);
        var violations = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var type in types)
        {
            foreach (var (where, used) in References(type))
            {
                var uses = Parts(used.Type).Select(part => part == used.Type ? used : new Use(part));
                foreach (var use in uses)
                {
                    if (outside.FirstOrDefault(o => o.IsIt(use)) is { } what)
                    {
                        var member = use.Member is null ? "" : "." + use.Member;
                        violations.Add($"{Name(type)}{where} uses {use.Type.FullName ?? use.Type.Name}{member} ({what.What})");
                    }
                }
            }
        }
        return [.. violations];
    }

    private static bool InNamespace(Type type, params string[] namespaces) =>
        type.Namespace is { } ns && namespaces.Any(n => ns == n || ns.StartsWith(n + ".", StringComparison.Ordinal));

    private static string Name(Type type) => type.DeclaringType is { } outer ? $"{Name(outer)}+{type.Name}" : type.Name;

    /// <summary>A type and the types it is made of: element types and generic arguments.</summary>
    private static IEnumerable<Type> Parts(Type type)
    {
        if (type.HasElementType)
        {
            foreach (var part in Parts(type.GetElementType()!))
            {
                yield return part;
            }
            yield break;
        }
        if (type.IsGenericParameter)
        {
            yield break;
        }
        yield return type.IsGenericType && !type.IsGenericTypeDefinition ? type.GetGenericTypeDefinition() : type;
        if (type.IsGenericType)
        {
            foreach (var argument in type.GetGenericArguments())
            {
                foreach (var part in Parts(argument))
                {
                    yield return part;
                }
            }
        }
    }

    private const BindingFlags Declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;

    /// <summary>What a type's signatures, attributes and method bodies use, each with where it is used.</summary>
    private static IEnumerable<(string Where, Use Used)> References(Type type)
    {
        var signatures = new List<(string, Type)>();
        if (type.BaseType is { } baseType)
        {
            signatures.Add(("", baseType));
        }
        signatures.AddRange(type.GetInterfaces().Select(contract => ("", contract)));
        signatures.AddRange(type.GetCustomAttributesData().Select(attribute => ("", attribute.AttributeType)));
        signatures.AddRange(type.GetFields(Declared).Select(field => ($".{field.Name}", field.FieldType)));
        signatures.AddRange(type.GetProperties(Declared).Select(property => ($".{property.Name}", property.PropertyType)));
        foreach (var (where, used) in signatures)
        {
            yield return (where, new Use(used));
        }
        foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
        {
            var where = $".{method.Name}";
            if (method.Attributes.HasFlag(MethodAttributes.PinvokeImpl))
            {
                yield return (where, new Use(typeof(DllImportAttribute)));
            }
            foreach (var attribute in method.GetCustomAttributesData())
            {
                yield return (where, new Use(attribute.AttributeType));
            }
            if (method is MethodInfo info)
            {
                yield return (where, new Use(info.ReturnType));
            }
            foreach (var parameter in method.GetParameters())
            {
                yield return (where, new Use(parameter.ParameterType));
            }
            foreach (var used in BodyReferences(method))
            {
                yield return (where, used);
            }
        }
    }

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>What a method body uses: its locals, and the members and types its instructions name (calls, fields, casts, typeof).</summary>
    private static IEnumerable<Use> BodyReferences(MethodBase method)
    {
        var body = method.GetMethodBody();
        if (body is null)
        {
            yield break;
        }
        foreach (var local in body.LocalVariables)
        {
            yield return new Use(local.LocalType);
        }
        var il = body.GetILAsByteArray() ?? [];
        var typeArguments = method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var twoBytes = il[at] == 0xFE;
            var opCode = OpCodesByValue[twoBytes ? (short)(0xFE00 | il[at + 1]) : il[at]];
            at += twoBytes ? 2 : 1;
            switch (opCode.OperandType)
            {
                case OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok or OperandType.InlineType:
                    var member = method.Module.ResolveMember(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    foreach (var used in Uses(member))
                    {
                        yield return used;
                    }
                    at += 4;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += OperandSize(opCode.OperandType);
                    break;
            }
        }
    }

    private static IEnumerable<Use> Uses(MemberInfo? member)
    {
        switch (member)
        {
            case Type type:
                yield return new Use(type);
                break;
            case FieldInfo field:
                yield return new Use(field.DeclaringType!, field.Name);
                yield return new Use(field.FieldType);
                break;
            case MethodBase called:
                yield return new Use(called.DeclaringType!, called.Name);
                if (called is MethodInfo info)
                {
                    yield return new Use(info.ReturnType);
                    if (info.IsGenericMethod)
                    {
                        foreach (var argument in info.GetGenericArguments())
                        {
                            yield return new Use(argument);
                        }
                    }
                }
                foreach (var parameter in called.GetParameters())
                {
                    yield return new Use(parameter.ParameterType);
                }
                break;
        }
    }

    private static int OperandSize(OperandType operand) => operand switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        _ => 4,
    };
}

//! The one place a command's signature is written is its Rust function. `#[steady_macros::command]`
//! makes it a Tauri command and also describes it — name, arguments and result, read from
//! the signature itself — so the TypeScript call surface is generated from it and can never
//! disagree. `command_list!` is the one list of commands: it builds Tauri's invoke handler
//! and the list of descriptions from the same paths.
//!
//! `#[steady_macros::command(changes(Contacts, …))]` also says what a write changes: once it
//! succeeded, the window is told (`data-changed`) so every screen showing that data reads it
//! again, whoever made the change. The kinds are `crate::ipc::DataKind`'s variants, or
//! `Everything` for a plan replaced whole.

use proc_macro::TokenStream;
use proc_macro2::Span;
use quote::{format_ident, quote};
use syn::punctuated::Punctuated;
use syn::{
    parse_macro_input, FnArg, GenericArgument, ItemFn, Pat, Path, PathArguments, ReturnType, Token,
    Type,
};

/// Parameters Tauri fills in itself; the window never sends them.
const INJECTED: &[&str] = &["State", "AppHandle", "Window", "WebviewWindow", "Webview"];

fn last_segment(ty: &Type) -> Option<&syn::PathSegment> {
    match ty {
        Type::Path(path) => path.path.segments.last(),
        Type::Reference(reference) => last_segment(&reference.elem),
        _ => None,
    }
}

/// `snake_case` as Tauri names arguments on the JavaScript side: `camelCase`.
fn camel(name: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in name.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// What the window receives: `T` of `Result<T, _>`, the type itself, or nothing.
fn output(ret: &ReturnType) -> Type {
    match ret {
        ReturnType::Default => syn::parse_quote!(()),
        ReturnType::Type(_, ty) => match last_segment(ty) {
            Some(segment) if segment.ident == "Result" => match &segment.arguments {
                PathArguments::AngleBracketed(args) => match args.args.first() {
                    Some(GenericArgument::Type(ok)) => ok.clone(),
                    _ => (**ty).clone(),
                },
                _ => (**ty).clone(),
            },
            _ => (**ty).clone(),
        },
    }
}

/// `changes(Contacts, Plan)`: the kinds of data a command writes.
fn changes(attr: TokenStream) -> syn::Result<Vec<syn::Ident>> {
    let mut kinds = Vec::new();
    let parser = syn::meta::parser(|meta| {
        if meta.path.is_ident("changes") {
            meta.parse_nested_meta(|kind| {
                let ident = kind
                    .path
                    .get_ident()
                    .ok_or_else(|| kind.error("a kind of data, such as `Contacts`"))?;
                kinds.push(ident.clone());
                Ok(())
            })
        } else {
            Err(meta.error("expected `changes(…)`"))
        }
    });
    syn::parse::Parser::parse(parser, attr)?;
    Ok(kinds)
}

/// The command itself for one that writes: the written function, nested and called as it
/// is, then the window told of the change when it succeeded.
fn telling_of_changes(
    function: &ItemFn,
    kinds: &[syn::Ident],
) -> syn::Result<proc_macro2::TokenStream> {
    let mut inner = function.clone();
    inner.attrs.clear();
    inner.vis = syn::Visibility::Inherited;
    inner.sig.ident = format_ident!("__written");
    let mut names = Vec::new();
    for input in &function.sig.inputs {
        match input {
            FnArg::Typed(typed) => match &*typed.pat {
                Pat::Ident(ident) => names.push(ident.ident.clone()),
                other => {
                    return Err(syn::Error::new_spanned(
                        other,
                        "a command argument needs a plain name",
                    ))
                }
            },
            FnArg::Receiver(receiver) => {
                return Err(syn::Error::new_spanned(receiver, "a command takes no self"))
            }
        }
    }
    let call = if function.sig.asyncness.is_some() {
        quote! { __written(#(#names),*).await }
    } else {
        quote! { __written(#(#names),*) }
    };
    let what = if kinds.len() == 1 && kinds[0] == "Everything" {
        quote! { crate::ipc::DataKind::ALL }
    } else {
        quote! { &[#(crate::ipc::DataKind::#kinds),*] }
    };
    let attrs = &function.attrs;
    let vis = &function.vis;
    let mut sig = function.sig.clone();
    sig.inputs
        .insert(0, syn::parse_quote!(__window: ::tauri::AppHandle));
    Ok(quote! {
        #(#attrs)*
        #[::tauri::command]
        #vis #sig {
            #inner
            let result = #call;
            if ::std::result::Result::is_ok(&result) {
                crate::ipc::data_changed(&__window, #what);
            }
            result
        }
    })
}

/// Makes the function a Tauri command and adds `__ipc_<name>()`, its description.
#[proc_macro_attribute]
pub fn command(attr: TokenStream, item: TokenStream) -> TokenStream {
    let kinds = match changes(attr) {
        Ok(kinds) => kinds,
        Err(err) => return err.to_compile_error().into(),
    };
    let function = parse_macro_input!(item as ItemFn);
    let name = &function.sig.ident;
    let describe = format_ident!("__ipc_{}", name);
    let mut args = Vec::new();
    for input in &function.sig.inputs {
        let FnArg::Typed(typed) = input else {
            continue;
        };
        let injected = last_segment(&typed.ty)
            .is_some_and(|segment| INJECTED.iter().any(|i| segment.ident == i));
        if injected {
            continue;
        }
        let Pat::Ident(ident) = &*typed.pat else {
            return syn::Error::new_spanned(&typed.pat, "a command argument needs a plain name")
                .to_compile_error()
                .into();
        };
        let js_name = camel(&ident.ident.to_string());
        let ty = &typed.ty;
        args.push(quote! { (#js_name, <#ty as ::ts_rs::TS>::name(cfg)) });
    }
    let output = output(&function.sig.output);
    let doc: Vec<String> = function
        .attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_owned()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    let doc = doc.join(" ");
    let command_name = name.to_string();
    let js_command = camel(&command_name);
    let vis = &function.vis;
    let command = if kinds.is_empty() {
        quote! {
            #[::tauri::command]
            #function
        }
    } else {
        match telling_of_changes(&function, &kinds) {
            Ok(command) => command,
            Err(err) => return err.to_compile_error().into(),
        }
    };
    quote! {
        #command

        #[doc(hidden)]
        #vis fn #describe(cfg: &::ts_rs::Config) -> crate::ipc::CommandSignature {
            crate::ipc::CommandSignature {
                name: #command_name,
                js_name: #js_command,
                doc: #doc,
                args: ::std::vec![#(#args),*],
                output: <#output as ::ts_rs::TS>::name(cfg),
            }
        }
    }
    .into()
}

/// The one list of commands: `command_list![commands::contacts::create_contact, …]` defines
/// `invoke_handler()` (for `tauri::Builder::invoke_handler`) and `call_surface(cfg)` (the
/// description of every command, for the generated TypeScript).
#[proc_macro]
pub fn command_list(input: TokenStream) -> TokenStream {
    let paths = parse_macro_input!(input with Punctuated::<Path, Token![,]>::parse_terminated);
    let describers: Vec<Path> = paths
        .iter()
        .map(|path| {
            let mut path = path.clone();
            if let Some(last) = path.segments.last_mut() {
                last.ident = syn::Ident::new(&format!("__ipc_{}", last.ident), Span::call_site());
            }
            path
        })
        .collect();
    let paths: Vec<&Path> = paths.iter().collect();
    quote! {
        /// Tauri's handler for every command of [`call_surface`].
        fn invoke_handler() -> impl Fn(::tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            ::tauri::generate_handler![#(#paths),*]
        }

        /// Every command the window may call, described from its signature.
        pub fn call_surface(cfg: &::ts_rs::Config) -> ::std::vec::Vec<crate::ipc::CommandSignature> {
            ::std::vec![#(#describers(cfg)),*]
        }
    }
    .into()
}

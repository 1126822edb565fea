#!/usr/bin/env python3
"""Writes rules/schemas/travis.schema.json, rlint's schema of `.travis.yml`.

usage: python3 scripts/travis_schema.py   (from the repository root; the JSON is committed)

The facts (which keys exist where, and which shapes travis-yml accepts) come from
travis-ci/travis-yml: its schema definitions (lib/travis/yml/schema/def/*.rb,
lib/travis/yml/schema/def/deploy/*.rb) and the schema.json it generates from them. The structure
and the wording are rlint's. The schema is as lenient as travis-yml is before it validates:
  - scalars are interchangeable (travis-yml casts `3.8` to "3.8", "true" to true);
  - a scalar stands for a one-item list (travis-yml wraps it), and for a mapping with the
    section's main key (`branches: main` is `branches: {only: [main]}`);
  - keys with `-` for `_` are accepted (travis-yml underscores them, as dpl v1 docs wrote
    `local-dir`), and so are the aliases travis-yml resolves (`matrix`, `bucket_name`, ...);
  - values travis-yml does not type (env vars, notifier settings, deploy options, which may be
    branch-specific mappings) are not typed here either.
Unknown keys are what the schema reports (travis-yml warns "unknown key" and passes them on), and
values of a shape travis-yml drops ("dropping unexpected map, expected seq").
"""
import json, os

SOURCE = "https://github.com/travis-ci/travis-yml/tree/master/lib/travis/yml/schema/def"

PHASES = [
    "before_install", "install", "before_script", "script", "before_cache",
    "after_success", "after_failure", "before_deploy", "after_deploy", "after_script",
]

# Language support keys (def/lang/*.rb), with the aliases travis-yml resolves. Every one may be
# one value or a list (the matrix-expanding keys), or, for the few that are mappings, a mapping.
LANGUAGE_KEYS = {
    "strs": [
        "jdk", "lein", "crystal", "dotnet", "mono", "solution", "d", "dart", "elixir",
        "otp_release", "elm", "node_js", "node", "elm_format", "elm_test", "go", "gobuild_args",
        "go_import_path", "hhvm", "php", "ghc", "haxe", "hxml", "neko", "julia", "matlab", "nix",
        "npm_args", "rvm", "ruby", "rbenv", "gemfile", "gemfiles", "xcode_scheme", "xcode_sdk",
        "podfile", "bundler_args", "xcode_destination", "xcode_project", "xcode_workspace",
        "xctool_args", "perl", "perl6", "composer_args", "python", "r", "r_packages",
        "r_binary_packages", "r_github_packages", "apt_packages", "bioc_packages",
        "brew_packages", "bioc", "bioc_check", "bioc_required", "use_bioc", "bioc_use_devel",
        "cran", "disable_homebrew", "latex", "pandoc", "pandoc_version", "r_build_args",
        "r_check_args", "r_check_revdep", "warnings_are_errors", "remotes", "rust", "scala",
        "sbt_args", "smalltalk", "smalltalk_config", "smalltalk_vm", "with_content_shell",
        "compiler", "osx_image",
    ],
    "maps": ["android", "gimme_config", "virtualenv", "virtual_env", "repos", "smalltalk_edge"],
    # `dart_task` items may be mappings (`- test: --platform vm`).
    "any": ["dart_task"],
}

# The keys (dpl v1 and v2, with travis-yml's aliases) of each deploy provider
# (def/deploy/<provider>.rb). Providers travis-yml lists without keys are not key-checked.
PROVIDERS = {
    "anynines": "username password organization space app_name buildpack manifest logout",
    "azure_web_apps": "site slot username password verbose",
    "bintray": "user key file passphrase url",
    "bluemixcloudfoundry": "username password organization api space region buildpack manifest skip_ssl_validation app_name logout",
    "bluemix_cloudfoundry": "username password organization api space region buildpack manifest skip_ssl_validation app_name logout",
    "boxfuse": "user secret config_file configfile payload app version env extra_args",
    "cargo": "token allow_dirty",
    "chef_supermarket": "user_id client_key name cookbook_name category cookbook_category dir",
    "cloud66": "redeployment_hook",
    "cloudfiles": "username api_key region container glob dot_match",
    "cloudformation": "access_key_id secret_access_key region template stack_name stack_name_prefix promote role_arn sts_assume_role capabilities wait wait_timeout create_timeout parameters output_file",
    "cloudfoundry": "username password organization api space buildpack manifest skip_ssl_validation app_name logout v3",
    "codedeploy": "access_key_id secret_access_key application deployment_group revision_type commit_id description repository region file_exists_behavior wait_until_deployed bucket key bundle_type endpoint",
    "convox": "host app rack password install_url update_cli create promote env env_file description generation",
    "datica": "target path",
    "elasticbeanstalk": "access_key_id secret_access_key region bucket bucket_name app env description label zip_file bucket_path only_create_app_version wait_until_deployed debug",
    "engineyard": "email password api_key account app env environment migrate",
    "firebase": "project token message only force",
    "flynn": "git",
    "gae": "project keyfile config version verbosity promote no_promote stop_previous_version no_stop_previous_version install_sdk",
    "gcs": "key_file access_key_id secret_access_key bucket upload_dir local_dir dot_match acl cache_control detect_encoding",
    "git_push": "token github_token deploy_key repo branch base_branch commit_message allow_empty_commit allow_same_branch force local_dir name email host enterprise",
    "gleis": "app username password key_name verbose",
    "hackage": "username password publish",
    "hephy": "controller username password app cli_version verbose",
    "heroku": "strategy api_key username user password app git",
    "lambda": "access_key_id secret_access_key region function_name role handler_name module_name zip description timeout memory_size runtime security_group_ids environment environment_variables subnet_ids dead_letter_arn kms_key_arn tracing_mode layers publish function_tags dot_match",
    "launchpad": "slug oauth_token oauth_token_secret",
    "netlify": "site auth dir functions message prod",
    "npm": "email api_token api_key access registry src tag auth_method",
    "openshift": "server token project app",
    "opsworks": "access_key_id secret_access_key region app_id instance_ids layer_ids migrate wait_until_deployed custom_json update_on_success update_app_on_success",
    "packagecloud": "username token repository local_dir dist package_glob force connect_timeout read_timeout write_timeout",
    "pages": "strategy token github_token deploy_key repo target_branch local_dir fqdn project_name email name url github_url keep_history verbose allow_empty_commit commit_message committer_from_gh deployment_file",
    "puppetforge": "username user password url",
    "pypi": "username user password server distributions docs_dir skip_existing upload_docs skip_upload_docs twine_check remove_build_dir setuptools_version twine_version wheel_version",
    "releases": "username user password token api_key repo file file_glob overwrite draft name prerelease release_number release_notes body release_notes_file tag_name target_commitish",
    "rubygems": "api_key username user password gem gemspec gemspec_glob host",
    "s3": "access_key_id secret_access_key bucket region endpoint upload_dir local_dir glob dot_match acl detect_encoding cache_control expires default_text_charset storage_class server_side_encryption index_document_suffix overwrite force_path_style max_threads verbose",
    "scalingo": "api_token api_key username user password remote branch app region timeout",
    "script": "script",
    "snap": "snap channel token",
    "surge": "login token project domain",
    "testfairy": "api_key app_file symbols_file testers_groups notify auto_update advanced_options",
    "transifex": "api_token username password hostname cli_version",
}

# Keys every provider takes (def/deploy.rb).
DEPLOY_COMMON = "provider on run allow_failure cleanup skip_cleanup edge".split()

# `on:` (def/deploy.rb Conditions): the branch conditions and the matrix-expanding keys.
DEPLOY_ON = "branch branches repo condition all_branches tags os arch".split() + [
    k for k in LANGUAGE_KEYS["strs"]
    if k in ("jdk", "crystal", "dotnet", "mono", "solution", "d", "dart", "elixir", "otp_release",
             "elm", "node_js", "node", "go", "hhvm", "php", "ghc", "haxe", "julia", "matlab",
             "nix", "perl", "perl6", "python", "r", "rvm", "ruby", "rbenv", "gemfile",
             "xcode_scheme", "xcode_sdk", "rust", "scala", "smalltalk", "smalltalk_config",
             "smalltalk_vm", "compiler", "osx_image")
] + ["dart_task"]


SCALAR = ["string", "number", "boolean", "null"]


def ref(name):
    return {"$ref": f"#/$defs/{name}"}


def with_dashes(keys):
    """The keys, and their `-` spellings (travis-yml underscores them)."""
    out = []
    for k in keys:
        out.append(k)
        if "_" in k:
            out.append(k.replace("_", "-"))
    return out


def dashed(props):
    """Properties with the `-` spelling of each key accepted too."""
    out = {}
    for k, v in props.items():
        for name in with_dashes([k]):
            out[name] = v
    return dict(sorted(out.items()))


def section(props, comment, also=("scalar", "array")):
    """A mapping of known keys or (travis-yml's prefix and wrap) a scalar or list of scalars
    standing for its main key. One schema with a list of types rather than an `anyOf`, so that a
    violation names the key, not every shape the value might have had."""
    types = ["object"] + (SCALAR if "scalar" in also else []) + (["array"] if "array" in also else [])
    schema = {"$comment": comment, "type": types, "additionalProperties": False, "properties": dashed(props)}
    if "array" in also:
        schema["items"] = {"type": SCALAR}
    return schema


# One value, or a list of them: travis-yml wraps a scalar where it wants a list, and takes the
# first item of a list where it wants one value ("unexpected sequence, using the first value").
STRS = ref("strs")

JOB_KEYS = {
    **{p: ref("steps") for p in PHASES},
    "addons": ref("addons"),
    "branches": ref("branches"),
    "branch": ref("branches"),
    "cache": ref("cache"),
    "deploy": ref("deploys"),
    "git": ref("git"),
    "if": STRS,
    "services": STRS,
    "group": STRS,
    "workspaces": {"type": ["object", "null"]},
    "keys": STRS,
    "env": ref("env"),
    "language": STRS,
    "os": STRS,
    "dist": STRS,
    "arch": STRS,
    "sudo": STRS,
    "vm": {"type": ["object", "null"]},
    "virt": STRS,
    "virtualization": STRS,
    "stack": STRS,
    "vault": {"type": ["object", "null"]},
    **{k: STRS for k in LANGUAGE_KEYS["strs"]},
    **{k: {"type": ["object", "null"]} for k in LANGUAGE_KEYS["maps"]},
    **{k: {} for k in LANGUAGE_KEYS["any"]},
}

ROOT_ONLY = {
    "import": {"type": SCALAR + ["array", "object"]},
    "stages": {"type": SCALAR + ["array", "object"], "items": {"type": SCALAR + ["object"]}},
    "jobs": ref("jobs"),
    "matrix": ref("jobs"),
    "notifications": ref("notifications"),
    "version": STRS,
    "conditions": STRS,
    "filter_secrets": STRS,
    "trace": STRS,
    "perforce_test_path": STRS,
    # travis-yml ignores it (validate/unknown_keys.rb).
    "merge_mode": {},
}

JOB_ENTRY_ONLY = {
    "name": STRS,
    "stage": STRS,
    "allow_failure": STRS,
}

JOB_ENTRY = {
    "$comment": "A job of `include`/`exclude`/`allow_failures`: the job keys and its own `name`, `stage`.",
    "type": SCALAR + ["object"],
    "additionalProperties": False,
    "properties": dashed(JOB_KEYS | JOB_ENTRY_ONLY),
}

deploy_defs = {}
deploy_cases = []
for provider, keys in PROVIDERS.items():
    props = {k: {} for k in DEPLOY_COMMON + keys.split()}
    props["on"] = ref("deployOn")
    props["true"] = ref("deployOn")  # YAML 1.1 reads `on:` as `true:`; travis-yml maps it back
    name = f"deploy_{provider}"
    deploy_defs[name] = {
        "$comment": f"dpl's `{provider}` provider: {SOURCE}/deploy/{provider}.rb",
        "type": "object",
        "additionalProperties": False,
        "properties": dashed(props),
    }
    deploy_cases.append({
        "if": {"type": "object", "required": ["provider"], "properties": {"provider": {"type": "string", "pattern": f"^(?i){provider}$"}}},
        "then": ref(name),
    })

defs = {
    "strs": {
        "$comment": "One value or a list of values.",
        "type": SCALAR + ["array"],
        "items": {"type": SCALAR},
    },
    "steps": {
        "$comment": "A build phase: one command or a list of commands. A list item YAML reads as a mapping (`- echo a: b`) is dropped by travis-yml (\"dropping unexpected map\").",
        "type": SCALAR + ["array"],
        "items": {"type": SCALAR},
    },
    "env": {
        "$comment": "Env vars as `K=v` strings, `{K: v}` maps, `{secure: ...}`, or `global:`/`jobs:`/`matrix:` sections of those (def/env.rb).",
        "type": SCALAR + ["array", "object"],
    },
    "branches": section({"only": STRS, "except": STRS, "exclude": STRS}, f"{SOURCE}/branches.rb"),
    "cache": {
        **section({k: STRS for k in [
            "directories", "apt", "bundler", "cargo", "ccache", "cocoapods", "npm", "packages",
            "pip", "yarn", "timeout", "edge", "branch",
        ]}, f"A mapping, `false`, or caching strategies by name (`cache: pip`, `- directories: [...]` among them). {SOURCE}/cache.rb"),
        "items": {"type": SCALAR + ["object"]},
    },
    "git": section({k: STRS for k in [
        "strategy", "depth", "quiet", "submodules", "symlinks", "submodules_depth",
        "lfs_skip_smudge", "sparse_checkout", "autocrlf", "clone",
    ]}, f"{SOURCE}/git.rb", also=()),
    "addons": section({k: {} for k in [
        "apt_packages", "artifacts", "browserstack", "chrome", "code_climate",
        "coverity_scan", "homebrew", "hostname", "hosts", "jwt", "sauce_connect", "pkg", "srcclr",
        "snaps", "sonarcloud", "ssh_known_hosts", "firefox", "mariadb", "postgresql",
        "postgres", "rethinkdb", "deploy",
    ]} | {"apt": ref("apt")}, f"{SOURCE}/addons.rb", also=()),
    "apt": {
        **section({
            "packages": STRS, "package": STRS, "sources": {}, "source": {},
            "dist": STRS, "update": STRS, "config": {},
        }, f"Packages, or a mapping of packages and sources. {SOURCE}/addon/apt.rb"),
    },
    "notifications": section({k: {} for k in [
        "campfire", "email", "flowdock", "hipchat", "irc", "pushover", "slack", "webhooks",
        "on_success", "on_failure", "on_start", "on_cancel", "on_error", "if", "enabled",
        "disabled", "template",
    ]}, f"Notifiers and their common settings; a scalar or list is email recipients. {SOURCE}/notifications.rb"),
    "jobs": {
        **section({
            "include": ref("jobEntries"),
            "exclude": ref("jobEntries"),
            "allow_failures": ref("jobEntries"),
            "allowed_failures": ref("jobEntries"),
            "fast_finish": STRS,
            "fast_failure": STRS,
        }, f"The build matrix, or directly its `include` list. {SOURCE}/jobs.rb", also=("array",)),
        "items": ref("jobEntry"),
    },
    "jobEntries": {**JOB_ENTRY, "type": ["object", "array", "null"], "items": ref("jobEntry")},
    "jobEntry": JOB_ENTRY,
    "deploys": {
        "$comment": "One deploy or a list; a string names the provider.",
        "type": SCALAR + ["object", "array"],
        "allOf": [ref("deploy")],
        "items": {"type": SCALAR + ["object"], "allOf": [ref("deploy")]},
    },
    "deploy": {
        "$comment": f"A deploy's keys depend on its provider ({SOURCE}/deploy/). An unknown provider is travis-unknown-deploy-provider's finding; its keys are not checked.",
        "allOf": deploy_cases,
    },
    "deployOn": section({k: {} for k in DEPLOY_ON} | {
        "condition": STRS, "repo": STRS, "all_branches": STRS, "tags": STRS,
    }, f"When a deploy runs (`on:`): branches, tags, a shell condition, the repo, or matrix values; a scalar or list names branches. {SOURCE}/deploy.rb"),
    **deploy_defs,
}

schema = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "$comment": (
        "rlint's schema of Travis CI's .travis.yml, written by scripts/travis_schema.py from the "
        f"facts of travis-ci/travis-yml ({SOURCE}) and https://docs.travis-ci.com/user/. As lenient "
        "as travis-yml: scalars are interchangeable, a scalar stands for a list, aliases and "
        "dashed keys are accepted."
    ),
    "type": "object",
    "additionalProperties": False,
    "properties": dashed(JOB_KEYS | ROOT_ONLY),
    "$defs": defs,
}

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
with open(os.path.join(root, "rules", "schemas", "travis.schema.json"), "w") as f:
    json.dump(schema, f, indent=1)
    f.write("\n")

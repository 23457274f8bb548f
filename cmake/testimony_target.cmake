# Per-target build settings: warnings (as errors when TESTIMONY_WERROR), sanitizers.
# Applied to our own targets only, never globally, so third-party headers stay quiet.

function(testimony_target_options target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wshadow -Wconversion
                                           -Wno-sign-conversion -Wnon-virtual-dtor)
  if(TESTIMONY_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
  if(TESTIMONY_FUZZ)
    # Coverage for libFuzzer plus ASan and UBSan; the fuzz targets add -fsanitize=fuzzer.
    target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
                                             -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  elseif(TESTIMONY_SANITIZE)
    target_compile_options(${target} PRIVATE -fsanitize=address,undefined -fno-omit-frame-pointer
                                             -fno-sanitize-recover=undefined)
    target_link_options(${target} PRIVATE -fsanitize=address,undefined)
  endif()
endfunction()

# testimony_library(NAME alias-suffix SOURCES ... DEPS ...): a static module library with a
# namespaced alias testimony::<alias-suffix>.
function(testimony_library name)
  cmake_parse_arguments(ARG "" "ALIAS" "SOURCES;PUBLIC_DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  add_library(testimony::${ARG_ALIAS} ALIAS ${name})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_PUBLIC_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  testimony_target_options(${name})
endfunction()
